import { AppleApiError, type AppleFailureDetails } from './apple-api-error';

/**
 * Apple 9721: the `sinceVersionId` of an incremental read is unknown or too old.
 *
 * The sync catches this by class and reads everything again without `sinceVersionId`.
 */
export class FullSyncRequiredError extends AppleApiError {
  constructor(message: string, details: AppleFailureDetails) {
    super('CONFLICT', message, details);
    this.name = 'FullSyncRequiredError';
  }
}

import type { ErrorCode } from '../../../preload/error-codes';
import { DomainError } from '../../errors/domain-error';

export interface AppleFailureDetails {
  /** Apple's error number, or null when Apple was not reached or sent none. */
  appleErrorNumber: number | null;
  httpStatus: number | null;
  /** Apple's own wording, for the log; never shown in place of our sentence. */
  appleMessage: string | null;
}

/** A failure talking to Apple, with Apple's number kept for logs and for callers that branch on it. */
export class AppleApiError extends DomainError {
  readonly appleErrorNumber: number | null;
  readonly httpStatus: number | null;

  /** `extra` adds details a subclass tells the renderer (e.g. when to try again). */
  constructor(code: ErrorCode, message: string, details: AppleFailureDetails, extra: Record<string, unknown> = {}) {
    super(code, message, { ...details, ...extra });
    this.name = 'AppleApiError';
    this.appleErrorNumber = details.appleErrorNumber;
    this.httpStatus = details.httpStatus;
  }
}

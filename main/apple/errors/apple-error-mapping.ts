import type { ErrorCode } from '../../../preload/error-codes';
import { AppleApiError } from './apple-api-error';
import { appleErrorTable } from './apple-error-table';
import { FullSyncRequiredError } from './full-sync-required-error';

const FULL_SYNC_REQUIRED_ERROR_NUMBER = 9721;

export interface AppleErrorAnswer {
  errorNumber: number;
  errorMessage?: string | undefined;
  httpStatus: number;
}

/** The error an Apple error answer stands for; the body's number decides, the HTTP status only breaks ties. */
export function appleErrorFromAnswer(answer: AppleErrorAnswer): AppleApiError {
  const details = {
    appleErrorNumber: answer.errorNumber,
    httpStatus: answer.httpStatus,
    appleMessage: answer.errorMessage ?? null,
  };
  const known = appleErrorTable[answer.errorNumber];
  if (answer.errorNumber === FULL_SYNC_REQUIRED_ERROR_NUMBER && known) {
    return new FullSyncRequiredError(known.message, details);
  }
  if (known) return new AppleApiError(known.code, known.message, details);
  return new AppleApiError(codeForUnknownNumber(answer.httpStatus), unknownNumberMessage(answer), details);
}

/** The admin sentence for an Apple error number, e.g. for one failure of an event. */
export function adminMessageForAppleError(errorNumber: number, appleMessage?: string): string {
  return appleErrorTable[errorNumber]?.message ?? unknownNumberMessage({ errorNumber, errorMessage: appleMessage });
}

export function isRetryableAppleError(errorNumber: number): boolean | null {
  return appleErrorTable[errorNumber]?.retryable ?? null;
}

function codeForUnknownNumber(httpStatus: number): ErrorCode {
  if (httpStatus === 401) return 'TOKEN_INVALID';
  if (httpStatus === 403) return 'FORBIDDEN';
  if (httpStatus === 429 || httpStatus >= 500) return 'APPLE_UNAVAILABLE';
  return 'INTERNAL';
}

function unknownNumberMessage(answer: { errorNumber: number; errorMessage?: string | undefined }): string {
  const said = answer.errorMessage ? `: "${answer.errorMessage}"` : '';
  return `Apple refused the request with error ${answer.errorNumber}${said}.`;
}

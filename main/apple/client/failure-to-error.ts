import { AppleApiError } from '../errors/apple-api-error';
import { appleErrorFromAnswer } from '../errors/apple-error-mapping';
import { TOKEN_NOT_ACCEPTED_MESSAGE } from '../errors/apple-error-table';
import type { RequestFailure } from './request-failure';

/**
 * The admin-facing error for a request that failed for good (retries spent or not allowed).
 *
 * Network trouble, timeouts, unreadable answers and bare 5xx all mean "Apple is not
 * reachable right now"; Apple's own error numbers keep their table entry.
 */
export function errorForFailure(failure: RequestFailure, service: string): AppleApiError {
  switch (failure.kind) {
    case 'apple-error':
      return appleErrorFromAnswer(failure);
    case 'http-status':
      return errorForStatus(failure.httpStatus, service);
    case 'malformed-answer':
      return unavailable(`${service} answered with data that could not be read. Try again in a few minutes.`, failure.httpStatus);
    case 'timeout':
      return unavailable(
        `${service} did not answer within ${Math.round(failure.timeoutMs / 1000)} seconds. Check the internet connection and try again.`,
        null,
      );
    case 'network':
      return unavailable(`Could not reach ${service}. Check the internet connection and try again.`, null);
  }
}

function errorForStatus(status: number, service: string): AppleApiError {
  const details = { appleErrorNumber: null, httpStatus: status, appleMessage: null };
  if (status === 429 || status >= 500) {
    return unavailable(`${service} is not available right now (HTTP ${status}). Try again in a few minutes.`, status);
  }
  if (status === 401) {
    return new AppleApiError('TOKEN_INVALID', TOKEN_NOT_ACCEPTED_MESSAGE, details);
  }
  return new AppleApiError('INTERNAL', `${service} refused the request (HTTP ${status}). Please report this problem.`, details);
}

function unavailable(message: string, httpStatus: number | null): AppleApiError {
  return new AppleApiError('APPLE_UNAVAILABLE', message, { appleErrorNumber: null, httpStatus, appleMessage: null });
}

import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../preload/error-codes';
import { errorForFailure } from '../../../main/apple/client/failure-to-error';
import { AppleApiError } from '../../../main/apple/errors/apple-api-error';
import { adminMessageForAppleError, appleErrorFromAnswer } from '../../../main/apple/errors/apple-error-mapping';
import { appleErrorTable, TOKEN_REVOKED_MESSAGE } from '../../../main/apple/errors/apple-error-table';
import { FullSyncRequiredError } from '../../../main/apple/errors/full-sync-required-error';
import { DomainError } from '../../../main/errors/domain-error';

/**
 * Every error number Apple documents, with the HTTP status Apple gives it and the code the
 * admin's app should see.
 *
 * Transcribed from Apple's "Handling error responses" page (developer.apple.com/documentation/
 * devicemanagement/handling-error-responses): its synchronous table with Apple's statuses, its
 * asynchronous table (failures inside /status, so HTTP 200), and the older numbers apple-api.md
 * lists from the field (9610, 9616, 9622, 9624, 9632, 9643, 9645).
 */
const synchronous: [number, number, ErrorCode][] = [
  [9601, 401, 'TOKEN_INVALID'],
  [9602, 400, 'VALIDATION'],
  [9603, 500, 'APPLE_UNAVAILABLE'],
  [9609, 400, 'NOT_FOUND'],
  [9621, 401, 'TOKEN_EXPIRED'],
  [9623, 400, 'INTERNAL'],
  [9625, 401, 'TOKEN_REVOKED'],
  [9634, 410, 'APPLE_UNAVAILABLE'],
  [9637, 403, 'FORBIDDEN'],
  [9646, 429, 'APPLE_UNAVAILABLE'],
  [9647, 403, 'FORBIDDEN'],
  [9650, 400, 'CONFLICT'],
  [9700, 400, 'VALIDATION'],
  [9701, 400, 'VALIDATION'],
  [9702, 400, 'VALIDATION'],
  [9703, 400, 'VALIDATION'],
  [9704, 400, 'VALIDATION'],
  [9705, 400, 'VALIDATION'],
  [9706, 400, 'VALIDATION'],
  [9707, 400, 'VALIDATION'],
  [9708, 400, 'NOT_FOUND'],
  [9710, 400, 'VALIDATION'],
  [9711, 400, 'VALIDATION'],
  [9712, 400, 'VALIDATION'],
  [9713, 400, 'INTERNAL'],
  [9714, 400, 'VALIDATION'],
  [9715, 400, 'VALIDATION'],
  [9717, 400, 'VALIDATION'],
  [9718, 400, 'VALIDATION'],
  [9719, 400, 'VALIDATION'],
  [9720, 400, 'VALIDATION'],
  [9721, 400, 'CONFLICT'],
  [9722, 401, 'TOKEN_INVALID'],
  [9723, 400, 'INTERNAL'],
  [9724, 400, 'INTERNAL'],
  [9725, 400, 'INTERNAL'],
  [9726, 405, 'INTERNAL'],
  [9727, 415, 'INTERNAL'],
  [9728, 400, 'VALIDATION'],
  [9729, 503, 'APPLE_UNAVAILABLE'],
  [9811, 400, 'VALIDATION'],
  [9812, 400, 'CONFLICT'],
  [9813, 400, 'VALIDATION'],
  [9814, 400, 'NOT_FOUND'],
  [9815, 400, 'CONFLICT'],
  [9816, 400, 'VALIDATION'],
  [9817, 400, 'CONFLICT'],
  [9818, 400, 'CONFLICT'],
];

const asynchronous: [number, number, ErrorCode][] = [
  [9635, 200, 'CONFLICT'],
  [9641, 200, 'CONFLICT'],
  [9644, 200, 'APPLE_UNAVAILABLE'],
  [9709, 200, 'CONFLICT'],
  [9716, 200, 'CONFLICT'],
];

const fromTheField: [number, number, ErrorCode][] = [
  [9610, 200, 'NOT_FOUND'],
  [9616, 200, 'CONFLICT'],
  [9622, 401, 'TOKEN_INVALID'],
  [9624, 200, 'CONFLICT'],
  [9632, 200, 'CONFLICT'],
  [9643, 200, 'CONFLICT'],
  [9645, 200, 'FORBIDDEN'],
];

const documented = [...synchronous, ...asynchronous, ...fromTheField];

describe('the Apple error table', () => {
  it('has exactly the documented numbers', () => {
    expect(Object.keys(appleErrorTable).map(Number).sort()).toEqual(documented.map(([number]) => number).sort());
  });

  it.each(documented)('maps %i (HTTP %i) to %s with its own admin sentence', (errorNumber, httpStatus, code) => {
    const error = appleErrorFromAnswer({ errorNumber, errorMessage: 'Apple wording', httpStatus });
    expect(error).toBeInstanceOf(AppleApiError);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(code);
    expect(error.appleErrorNumber).toBe(errorNumber);
    expect(error.httpStatus).toBe(httpStatus);
    expect(error.message).toBe(appleErrorTable[errorNumber]?.message);
    expect(error.message).toMatch(/^[A-Z].*\.$/);
    expect(error.details).toEqual({ appleErrorNumber: errorNumber, httpStatus, appleMessage: 'Apple wording' });
  });

  it.each(documented)('gives %i a code and a sentence an admin can read (HTTP %i)', (errorNumber) => {
    const entry = appleErrorTable[errorNumber];
    expect(entry?.code).toBeDefined();
    expect(entry?.message.trim().length).toBeGreaterThan(20);
    expect(entry?.message).not.toMatch(/undefined|null|NaN|\$\{/);
    expect(adminMessageForAppleError(errorNumber)).toBe(entry?.message);
  });

  it('says what 9650 means: the page asked for is out of range', () => {
    expect(appleErrorFromAnswer({ errorNumber: 9650, httpStatus: 400 }).message).toMatch(/page .*out of range/);
  });

  it('gives every number a different sentence', () => {
    const messages = Object.values(appleErrorTable).map((entry) => entry.message);
    expect(new Set(messages).size).toBe(messages.length);
  });

  it('tells the admin what to do when the token is revoked (9625)', () => {
    const error = appleErrorFromAnswer({ errorNumber: 9625, httpStatus: 401 });
    expect(error.code).toBe('TOKEN_REVOKED');
    expect(error.message).toBe('The sToken has been revoked. Sign in to Apple School Manager and download the token again.');
    expect(error.message).toBe(TOKEN_REVOKED_MESSAGE);
  });

  it('makes 9721 a FullSyncRequiredError the sync can recognise', () => {
    expect(appleErrorFromAnswer({ errorNumber: 9721, httpStatus: 400 })).toBeInstanceOf(FullSyncRequiredError);
    expect(appleErrorFromAnswer({ errorNumber: 9622, httpStatus: 401 })).not.toBeInstanceOf(FullSyncRequiredError);
  });

  it.each<[number, ErrorCode]>([
    [401, 'TOKEN_INVALID'],
    [403, 'FORBIDDEN'],
    [429, 'APPLE_UNAVAILABLE'],
    [503, 'APPLE_UNAVAILABLE'],
    [400, 'INTERNAL'],
    [200, 'INTERNAL'],
  ])('maps an unknown number by its HTTP status %i to %s, quoting Apple', (httpStatus, code) => {
    const error = appleErrorFromAnswer({ errorNumber: 9999, errorMessage: 'Something new', httpStatus });
    expect(error.code).toBe(code);
    expect(error.message).toBe('Apple refused the request with error 9999: "Something new".');
  });

  it('explains event failures with the same sentences', () => {
    expect(adminMessageForAppleError(9709)).toBe('Not enough licenses. Buy more in Apple School Manager or free some up.');
    expect(adminMessageForAppleError(9998)).toBe('Apple refused the request with error 9998.');
  });
});

describe('failures without an Apple error number', () => {
  it.each<[string, Parameters<typeof errorForFailure>[0], ErrorCode, string]>([
    ['a network error', { kind: 'network', cause: new Error('ECONNREFUSED') }, 'APPLE_UNAVAILABLE', "Could not reach Apple's service. Check the internet connection and try again."],
    ['a timeout', { kind: 'timeout', timeoutMs: 30_000 }, 'APPLE_UNAVAILABLE', "Apple's service did not answer within 30 seconds. Check the internet connection and try again."],
    ['HTTP 503', { kind: 'http-status', httpStatus: 503, retryAfter: null }, 'APPLE_UNAVAILABLE', "Apple's service is not available right now (HTTP 503). Try again in a few minutes."],
    ['HTTP 401', { kind: 'http-status', httpStatus: 401, retryAfter: null }, 'TOKEN_INVALID', appleErrorTable[9622]?.message ?? ''],
    ['HTTP 404', { kind: 'http-status', httpStatus: 404, retryAfter: null }, 'INTERNAL', "Apple's service refused the request (HTTP 404). Please report this problem."],
    ['an unreadable answer', { kind: 'malformed-answer', httpStatus: 200 }, 'APPLE_UNAVAILABLE', "Apple's service answered with data that could not be read. Try again in a few minutes."],
  ])('turns %s into %s', (_name, failure, code, message) => {
    const error = errorForFailure(failure, "Apple's service");
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    expect(error.appleErrorNumber).toBeNull();
  });
});

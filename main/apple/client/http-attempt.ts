import { appleErrorBodySchema } from '../wire/apple-error-body';
import type { RequestFailure } from './request-failure';

export type AttemptResult = { ok: true; body: unknown } | { ok: false; failure: RequestFailure };

export interface AttemptInput {
  fetch: typeof fetch;
  url: string;
  init: RequestInit;
  timeoutMs: number;
  /** The caller's cancellation; it ends the attempt without a retry. */
  signal?: AbortSignal | undefined;
}

const notJson = Symbol('not JSON');

/**
 * One HTTP exchange with Apple, classified: a JSON answer, or why there is none.
 *
 * The body is checked for `errorNumber` before the status, because Apple answers some
 * errors (9622 among them) with HTTP 200. The timeout covers reading the body too.
 */
export async function attemptRequest(input: AttemptInput): Promise<AttemptResult> {
  const timeout = AbortSignal.timeout(input.timeoutMs);
  const signal = input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
  let status: number;
  let retryAfter: string | null;
  let text: string;
  try {
    const response = await input.fetch(input.url, { ...input.init, signal });
    status = response.status;
    retryAfter = response.headers.get('retry-after');
    text = await response.text();
  } catch (error) {
    if (input.signal?.aborted) throw input.signal.reason;
    if (timeout.aborted) return fail({ kind: 'timeout', timeoutMs: input.timeoutMs });
    return fail({ kind: 'network', cause: error });
  }

  const body = parseJson(text);
  const appleError = appleErrorBodySchema.safeParse(body);
  if (appleError.success) {
    const { errorNumber, errorMessage } = appleError.data;
    return fail({ kind: 'apple-error', httpStatus: status, errorNumber, errorMessage, retryAfter });
  }
  if (status < 200 || status > 299) return fail({ kind: 'http-status', httpStatus: status, retryAfter });
  if (body === notJson) return fail({ kind: 'malformed-answer', httpStatus: status });
  return { ok: true, body };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return notJson;
  }
}

function fail(failure: RequestFailure): AttemptResult {
  return { ok: false, failure };
}

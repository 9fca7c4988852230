import type { z } from 'zod';
import type { Clock } from '../../clock/clock';
import { AppleApiError } from '../errors/apple-api-error';
import { AppleWaitError } from '../errors/apple-wait-error';
import { errorForFailure } from './failure-to-error';
import { attemptRequest } from './http-attempt';
import type { RequestFailure } from './request-failure';
import type { AppleWait, RetryAfterGate } from './retry-after-gate';
import { askedWait, retryDelay, type RetrySettings } from './retry-policy';
import type { Sleep } from './sleep';

export type QueryValue = string | number | boolean | undefined;

export interface AppleRequest<T> {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Headers besides Accept, Authorization and Content-Type (the content metadata lookup's cookie). */
  headers?: Record<string, string>;
  /** False only for Apple's public endpoints (service config, lookup). */
  authenticated: boolean;
  answer: z.ZodType<T>;
  signal?: AbortSignal | undefined;
}

export interface RequesterOptions {
  baseUrl: string;
  /** The normalized sToken, sent as bearer; absent for public services. */
  token?: string;
  /** Names the service in admin-facing messages ("Apple's service", "Apple's app lookup"). */
  serviceName: string;
  fetch: typeof fetch;
  clock: Clock;
  sleep: Sleep;
  random: () => number;
  retry: RetrySettings;
  timeoutMs: number;
  gate: RetryAfterGate;
}

/**
 * Sends one logical request to Apple: attempts, bounded retries, validated answer.
 *
 * Apple's `Retry-After` is never cut short: no request with the token goes out before it
 * ends, whichever request was told. A wait longer than `maxHeldWaitMs` ends the call at once
 * with an AppleWaitError naming Apple's time, and so does a wait still asked for when the
 * retries run out. Every failure that leaves this class is an AppleApiError with an admin
 * sentence; a caller's abort is the only other way out.
 */
export class AppleRequester {
  private readonly gateKey: string;

  constructor(private readonly options: RequesterOptions) {
    this.gateKey = `${options.baseUrl}|${options.token ?? ''}`;
  }

  async send<T>(request: AppleRequest<T>): Promise<T> {
    const { clock, sleep, random, retry, gate } = this.options;
    await this.sitOutAppleWait(request.signal);
    const startedAt = clock.now().getTime();
    const url = this.urlFor(request);
    const init = this.initFor(request);
    for (let attempt = 1; ; attempt++) {
      const result = await attemptRequest({ fetch: this.options.fetch, url, init, timeoutMs: this.options.timeoutMs, signal: request.signal });
      if (result.ok) return this.validated(request, result.body);
      const now = clock.now();
      const asked = askedWait(result.failure, now) ?? 0;
      const wait = asked > 0 ? appleWait(result.failure, new Date(now.getTime() + asked)) : null;
      if (wait) gate.close(this.gateKey, wait);
      if (wait && asked > retry.maxHeldWaitMs) throw waitError(wait, now);
      const delay = retryDelay(result.failure, { attempt, elapsedMs: now.getTime() - startedAt, now, random }, retry);
      if (delay === null) throw wait ? waitError(wait, now) : errorForFailure(result.failure, this.options.serviceName);
      await sleep(delay, request.signal);
    }
  }

  /** Waits out what Apple asked of this token before, or refuses at once when that is longer than a call may hold. */
  private async sitOutAppleWait(signal: AbortSignal | undefined): Promise<void> {
    const now = this.options.clock.now();
    const wait = this.options.gate.current(this.gateKey, now);
    if (!wait) return;
    const left = wait.until.getTime() - now.getTime();
    if (left > this.options.retry.maxHeldWaitMs) throw waitError(wait, now);
    await this.options.sleep(left, signal);
  }

  private urlFor(request: AppleRequest<unknown>): string {
    const url = new URL(this.options.baseUrl.replace(/\/+$/, '') + request.path);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url.toString();
  }

  private initFor(request: AppleRequest<unknown>): RequestInit {
    const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
    if (request.authenticated && this.options.token) headers.Authorization = `Bearer ${this.options.token}`;
    if (request.body === undefined) return { method: request.method, headers };
    headers['Content-Type'] = 'application/json';
    return { method: request.method, headers, body: JSON.stringify(request.body) };
  }

  private validated<T>(request: AppleRequest<T>, body: unknown): T {
    const parsed = request.answer.safeParse(body);
    if (parsed.success) return parsed.data;
    const where = parsed.error.issues[0]?.path.join('.') || 'the answer';
    throw new AppleApiError(
      'INTERNAL',
      `${this.options.serviceName} answered ${request.method} ${request.path} in an unexpected shape (${where}). Please report this problem.`,
      { appleErrorNumber: null, httpStatus: 200, appleMessage: null },
    );
  }
}

function appleWait(failure: RequestFailure, until: Date): AppleWait {
  return {
    until,
    httpStatus: 'httpStatus' in failure ? failure.httpStatus : null,
    appleErrorNumber: failure.kind === 'apple-error' ? failure.errorNumber : null,
  };
}

function waitError(wait: AppleWait, now: Date): AppleWaitError {
  return new AppleWaitError(wait.until, wait.until.getTime() - now.getTime(), { appleErrorNumber: wait.appleErrorNumber, httpStatus: wait.httpStatus });
}

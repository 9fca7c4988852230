/** A failure the sandbox serves instead of (or before) its normal answer, to test recovery. */
export type SandboxFault =
  /** HTTP 503 with a `Retry-After` header (seconds or an HTTP date). */
  | { kind: 'unavailable'; retryAfter?: string }
  /** HTTP 429 with Apple's 9646, optionally with `Retry-After`. */
  | { kind: 'rate-limited'; retryAfter?: string }
  /** HTTP 500 with Apple's 9603. */
  | { kind: 'internal-error' }
  /** The socket is destroyed without an answer. */
  | { kind: 'drop-connection' }
  /** The normal answer, after a delay. */
  | { kind: 'slow'; delayMs: number }
  /** HTTP 200 with a body cut off mid-JSON. */
  | { kind: 'malformed-json' }
  /** An Apple error body, by default with HTTP 200 as Apple sometimes does. */
  | { kind: 'error-body'; errorNumber: number; httpStatus?: number };

export interface FaultOptions {
  /** How many matching requests get the fault (default 1). */
  count?: number;
  /** Only requests to this endpoint path (e.g. "/assets", "/lookup"). */
  path?: string;
}

interface FaultRule {
  fault: SandboxFault;
  remaining: number;
  path: string | undefined;
}

/** Faults waiting for the next matching requests, first injected first served. */
export class FaultQueue {
  private rules: FaultRule[] = [];

  inject(fault: SandboxFault, options: FaultOptions = {}): void {
    this.rules.push({ fault, remaining: options.count ?? 1, path: options.path });
  }

  clear(): void {
    this.rules = [];
  }

  take(path: string): SandboxFault | null {
    const rule = this.rules.find((candidate) => candidate.path === undefined || candidate.path === path);
    if (!rule) return null;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules = this.rules.filter((candidate) => candidate !== rule);
    return rule.fault;
  }
}

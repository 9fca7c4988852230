/** Why one attempt at an Apple request did not produce a usable answer. */
export type RequestFailure =
  | { kind: 'apple-error'; httpStatus: number; errorNumber: number; errorMessage?: string | undefined; retryAfter: string | null }
  | { kind: 'http-status'; httpStatus: number; retryAfter: string | null }
  | { kind: 'malformed-answer'; httpStatus: number }
  | { kind: 'network'; cause: unknown }
  | { kind: 'timeout'; timeoutMs: number };

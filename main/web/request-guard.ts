import { timingSafeEqual } from 'node:crypto';

/**
 * Checks every browser-mode request must pass, as pure functions.
 *
 * The server listens on loopback only, but a web page the admin visits could still send
 * requests to it: the Host check stops DNS rebinding, the Origin check stops other pages,
 * and the per-run key stops anyone who did not see the printed URL.
 */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).includes(host.toLowerCase());
}

/** Same-origin requests may omit Origin; any Origin sent must be our own page. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return allowedHosts(port).some((host) => origin.toLowerCase() === `http://${host}`);
}

/** Browsers mark requests started by other sites; those are refused whatever else they carry. */
export function isCrossSite(secFetchSite: string | undefined): boolean {
  return secFetchSite === 'cross-site' || secFetchSite === 'same-site';
}

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  return match?.[1];
}

export function keyMatches(presented: string | undefined | null, key: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

export function isValidClientId(value: string | undefined): value is string {
  return value !== undefined && CLIENT_ID.test(value);
}

import type { IncomingHttpHeaders } from 'node:http';
import { formatAppleDate } from '../wire/apple-date';
import { SandboxAppleError } from './sandbox-apple-error';
import type { ApiRoute, HttpMethod } from './sandbox-routes';
import type { SandboxToken } from './sandbox-tokens';
import type { SandboxWorld } from './sandbox-world';

export interface ApiRequest {
  method: string;
  headers: IncomingHttpHeaders;
  query: URLSearchParams;
  bodyText: string;
}

const bearerPattern = /^Bearer ([A-Za-z0-9+/]+={0,2})$/;

/**
 * Answers one API request the way Apple does.
 *
 * The checks run in Apple's order, so a request wrong in several ways gets Apple's error:
 * method (9726), content type (9727), Authorization header (9722), token (9622, 9625,
 * 9621), body (9602), then the endpoint.
 */
export function answerApiRequest(world: SandboxWorld, route: ApiRoute, request: ApiRequest): object {
  const method = request.method as HttpMethod;
  if (!(method in route.methods)) throw new SandboxAppleError(405, 9726);
  if (method === 'POST' && !/^application\/json\b/i.test(request.headers['content-type'] ?? '')) throw new SandboxAppleError(415, 9727);
  if (route.access === 'public') return route.methods[method]?.(world, request.query, request.headers) ?? {};

  const token = authenticate(world, request.headers.authorization);
  const location = world.settledLocation(token.locationId);
  const body = method === 'POST' ? parseBody(request.bodyText) : undefined;
  const answer = route.methods[method]?.({ world, location, token, query: request.query, body }) ?? {};
  return { ...commonFields(token, location.info.uId), ...answer };
}

function authenticate(world: SandboxWorld, header: string | undefined): SandboxToken {
  const bearer = bearerPattern.exec(header ?? '')?.[1];
  if (bearer === undefined) throw new SandboxAppleError(401, 9722);
  const token = world.tokens.find(bearer);
  if (!token) throw new SandboxAppleError(401, 9622);
  if (token.revoked) throw new SandboxAppleError(401, 9625);
  if (token.expiresAt.getTime() <= world.now().getTime()) throw new SandboxAppleError(401, 9621);
  return token;
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SandboxAppleError(400, 9602);
  }
}

/** Every example answer of Apple's carries `tokenExpirationDate`, not only in a token's last days. */
function commonFields(token: SandboxToken, uId: string): object {
  return { uId, tokenExpirationDate: formatAppleDate(token.expiresAt) };
}

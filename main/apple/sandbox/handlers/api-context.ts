import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxToken } from '../sandbox-tokens';
import type { SandboxWorld } from '../sandbox-world';
import type { SandboxLocation } from '../state/sandbox-location';

/** What an endpoint handler gets once method, content type and token have been checked. */
export interface ApiContext {
  world: SandboxWorld;
  location: SandboxLocation;
  token: SandboxToken;
  query: URLSearchParams;
  body: unknown;
}

/** Answers the JSON body; throws SandboxAppleError for Apple's error answers. */
export type ApiHandler = (context: ApiContext) => object;

/** Handlers of Apple's public endpoints, which need no bearer token (the content lookup reads a cookie). */
export type PublicHandler = (world: SandboxWorld, query: URLSearchParams, headers: IncomingHttpHeaders) => object;

import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ErrorCode, Result } from '../../preload/contract';
import type { EventListener } from '../events/event-bus';
import type { DownloadStore } from '../export/download-store';
import type { Dispatch } from '../ipc/dispatcher';
import { CONTENT_SECURITY_POLICY } from '../security/content-security-policy';
import {
  bearerToken,
  isAllowedHost,
  isAllowedOrigin,
  isCrossSite,
  isValidClientId,
  keyMatches,
} from './request-guard';
import { ByteBudget } from './body-budget';
import { readBody } from './body-reader';
import { readStaticFile } from './static-files';

export interface WebServerOptions {
  dispatch: Dispatch;
  /** Subscribes one tab (its client id, as calls carry it) to the events its session may see. */
  events: (clientId: string, listener: EventListener) => () => void;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  /** Fixed in tests; otherwise a fresh random key per run. */
  key?: string;
  /** Most bytes one call's body may have; roster imports have `maxImportBodyBytes`. */
  maxBodyBytes?: number;
  /** Most bytes of roster import bodies held at once: one import of this size, or a few smaller ones. */
  maxImportBodyBytes?: number;
  /** Most bytes of other calls' bodies held at once, across all of them. */
  maxCallBodiesBytes?: number;
  /** A client has this long to send a request's headers, and `requestTimeoutMs` for the whole request. */
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Exports waiting to be downloaded by the page (asked per request: each demo tab has its own). */
  downloads?: () => Pick<DownloadStore, 'take'>;
}

export interface WebServer {
  server: Server;
  port: number;
  key: string;
  /** The address to open: the key travels in the fragment, which browsers never send. */
  url: string;
  /** The request bodies held in memory now and at most, for imports and for other calls. */
  bodies: { imports: ByteBudget; calls: ByteBudget };
  close(): Promise<void>;
}

const MB = 1024 * 1024;
// Roster imports send whole CSV files (Base64) in one call; they are the only large bodies.
const IMPORT_CHANNELS = new Set(['import.check', 'import.start']);
const DEFAULT_MAX_IMPORT_BODY_BYTES = 128 * MB;
// The largest other call, a revoke of 10,000 clientUserIds and 10,000 serial numbers, is about 3 MB.
const DEFAULT_MAX_BODY_BYTES = 8 * MB;
const DEFAULT_MAX_CALL_BODIES_BYTES = 64 * MB;
// Loopback clients send a request at once: seconds are plenty, and a slow client is cut off.
const DEFAULT_HEADERS_TIMEOUT_MS = 5_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;
const RETRY_AFTER_SECONDS = 5;
const SSE_HEARTBEAT_MS = 25_000;

const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...securityHeaders, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  const body: Result<never> = { ok: false, error: { code, message } };
  sendJson(res, status, body);
}

function refuseBusy(res: ServerResponse, message: string): void {
  res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  refuse(res, 503, 'CONFLICT', message);
}

/**
 * Browser mode: the built renderer and the dispatcher over HTTP on 127.0.0.1 only.
 *
 * `POST /api/<channel>` carries a call, `GET /api/events?client=<tab>` streams to one tab the
 * contract events its session may see (SSE).
 * Every API request needs the per-run key; every request is checked for Host and Origin.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const key = options.key ?? randomBytes(32).toString('base64url');
  let port = 0;
  const bodies = {
    imports: new ByteBudget(options.maxImportBodyBytes ?? DEFAULT_MAX_IMPORT_BODY_BYTES),
    calls: new ByteBudget(options.maxCallBodiesBytes ?? DEFAULT_MAX_CALL_BODIES_BYTES),
  };
  // Each open stream and how to stop its events.
  const streams = new Map<ServerResponse, () => void>();

  async function handleApiCall(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') return refuse(res, 405, 'VALIDATION', 'API calls must use POST.');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      return refuse(res, 415, 'VALIDATION', 'API calls must send JSON.');
    }
    const clientId = req.headers['x-client-id'];
    if (typeof clientId !== 'string' || !isValidClientId(clientId)) {
      return refuse(res, 400, 'VALIDATION', 'The request did not say which browser tab it came from.');
    }
    const isImport = IMPORT_CHANNELS.has(channel);
    const body = isImport
      ? await readBody(req, bodies.imports.limit, bodies.imports)
      : await readBody(req, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, bodies.calls);
    switch (body.kind) {
      case 'aborted':
        return;
      case 'tooLarge':
        return isImport
          ? refuse(res, 413, 'VALIDATION', `These files are more than the ${Math.round(bodies.imports.limit / MB)} MB one import can carry. Import fewer files at a time.`)
          : refuse(res, 413, 'VALIDATION', 'The request is too large.');
      case 'busy':
        return isImport
          ? refuseBusy(res, 'The app is still taking in another roster import. Try again in a few seconds.')
          : refuseBusy(res, 'The app is receiving too many requests at once. Try again in a few seconds.');
    }
    // The body's bytes count until the call is answered: its parsed input lives as long.
    try {
      let input: unknown;
      try {
        input = body.text.length === 0 ? {} : JSON.parse(body.text);
      } catch {
        return refuse(res, 400, 'VALIDATION', 'The request body is not valid JSON.');
      }
      sendJson(res, 200, await options.dispatch(channel, input, `web:${clientId}`));
    } finally {
      body.release();
    }
  }

  // EventSource cannot send headers, so the stream names its tab in the query, as it does the key.
  function openEventStream(req: IncomingMessage, res: ServerResponse, clientId: string | null): void {
    if (!isValidClientId(clientId ?? undefined)) {
      return refuse(res, 400, 'VALIDATION', 'The event stream did not say which browser tab it is for.');
    }
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const unsubscribe = options.events(`web:${clientId}`, (name, payload) => res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`));
    streams.set(res, unsubscribe);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), SSE_HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(res);
    });
  }

  // The link's unguessable, single-use id is the permission: a download started from a link
  // cannot carry the key header.
  function sendDownload(res: ServerResponse, id: string): void {
    const file = options.downloads?.().take(id);
    if (!file) return refuse(res, 404, 'NOT_FOUND', 'This download has already been fetched or has expired. Export again.');
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'no-store',
    });
    const stream = file.open();
    stream.pipe(res);
    stream.on('close', () => file.remove());
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, port)) {
      return refuse(res, 403, 'FORBIDDEN', 'This server only answers requests addressed to 127.0.0.1 or localhost.');
    }
    if (!isAllowedOrigin(req.headers.origin, port) || isCrossSite(req.headers['sec-fetch-site'] as string | undefined)) {
      return refuse(res, 403, 'FORBIDDEN', 'Requests from other web pages are refused.');
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    const download = /^\/api\/download\/([A-Za-z0-9_-]{32})$/.exec(url.pathname);
    if (download && req.method === 'GET') return sendDownload(res, download[1]!);

    if (url.pathname.startsWith('/api/')) {
      // EventSource cannot send headers, so the event stream alone takes the key in its query.
      const presented = bearerToken(req.headers.authorization) ?? (url.pathname === '/api/events' ? url.searchParams.get('key') : null);
      if (!keyMatches(presented, key)) {
        return refuse(res, 401, 'UNAUTHENTICATED', "This request does not carry the app's key. Open the address the app printed when it started.");
      }
      if (url.pathname === '/api/events') {
        if (req.method !== 'GET') return refuse(res, 405, 'VALIDATION', 'The event stream is read with GET.');
        return openEventStream(req, res, url.searchParams.get('client'));
      }
      return handleApiCall(req, res, url.pathname.slice('/api/'.length));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'VALIDATION', 'Only GET is served here.');
    const file = await readStaticFile(options.staticDir, url.pathname);
    if (!file) return refuse(res, 404, 'NOT_FOUND', 'Not found.');
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': file.contentType,
      'Cache-Control': file.contentType.startsWith('text/html') ? 'no-cache' : 'public, max-age=3600',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  const server = createServer(
    {
      headersTimeout: options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      // Node looks for timed-out requests this often (30 s by default), so a slow client is cut off on time.
      connectionsCheckingInterval: 500,
    },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        console.error('Browser-mode request failed', error);
        if (!res.headersSent) refuse(res, 500, 'INTERNAL', 'The request could not be handled.');
        else res.end();
      });
    },
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    server,
    port,
    key,
    url: `http://127.0.0.1:${port}/#key=${key}`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        for (const [res, unsubscribe] of streams) {
          unsubscribe();
          res.end();
        }
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

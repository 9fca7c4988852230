import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse, type PlistValue } from 'plist';

export interface RecordedEnqueue {
  method: string;
  /** Enrollment ids as NanoMDM reads them from the path. */
  ids: string[];
  /** user:password from the Basic header, or null when none came. */
  credentials: string | null;
  contentType: string | undefined;
  body: string;
  /** The body parsed as a plist, or null when it is not one. */
  plist: PlistValue | null;
}

export interface FakeNanoMdmOptions {
  apiKey?: string;
  /** Ids NanoMDM knows; an unknown one fails its whole batch, as NanoMDM's SQL storage does. */
  enrolled?: readonly string[];
  /** Per-id enqueue failures, as NanoMDM's file storage reports them. */
  commandErrors?: Record<string, string>;
  /** Per-id push failures: the command is queued, the wake-up push is not sent. */
  pushErrors?: Record<string, string>;
  /** Never answer enqueue calls, to exercise timeouts. */
  stall?: boolean;
  /** Refuse the key (401) after this many enqueue calls, as after the key was changed mid-run. */
  refuseKeyAfter?: number;
  /** Answer /version with 404, as a server that is not NanoMDM would. */
  notNanoMdm?: boolean;
}

export interface FakeNanoMdm {
  baseUrl: string;
  apiKey: string;
  enqueues: RecordedEnqueue[];
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parsePlist(body: string): PlistValue | null {
  if (body.trim() === '') return null;
  try {
    return parse(body);
  } catch {
    return null;
  }
}

/**
 * A stand-in for NanoMDM's API on 127.0.0.1 that records every enqueue call.
 *
 * It answers as NanoMDM's handlers do: /version without auth, Basic auth as "nanomdm" on
 * /v1, the empty-path refusal, one stored command per CommandUUID, and the 200 / 207 / 500
 * codes with its APIResult JSON.
 */
export async function startFakeNanoMdm(options: FakeNanoMdmOptions = {}): Promise<FakeNanoMdm> {
  const apiKey = options.apiKey ?? 'nanomdm-api-key';
  const enqueues: RecordedEnqueue[] = [];
  const storedUuids = new Set<string>();

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      if (url.pathname === '/version' && req.method === 'GET') {
        if (options.notNanoMdm) return send(res, 404, { error: 'not found' });
        return send(res, 200, { version: 'v0.8.0' });
      }
      if (!url.pathname.startsWith('/v1/')) return send(res, 404, {});
      const header = req.headers.authorization ?? '';
      const credentials = header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString('utf8') : null;
      const keyRevoked = options.refuseKeyAfter !== undefined && enqueues.length >= options.refuseKeyAfter;
      if (credentials !== `nanomdm:${apiKey}` || keyRevoked) {
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="nanomdm"' });
        return res.end('Unauthorized\n');
      }
      if (!url.pathname.startsWith('/v1/enqueue/') || req.method !== 'PUT') return send(res, 404, {});

      const rawIds = url.pathname.slice('/v1/enqueue/'.length);
      const body = await readBody(req);
      const ids = rawIds === '' ? [] : rawIds.split(',').map(decodeURIComponent);
      const plist = parsePlist(body);
      enqueues.push({ method: req.method, ids, credentials, contentType: req.headers['content-type'], body, plist });
      if (options.stall) return;
      if (ids.length === 0) return send(res, 500, { command_error: 'getting enrollment ids: empty path' });

      const command = plist as { CommandUUID?: string; Command?: { RequestType?: string } } | null;
      if (!command?.CommandUUID || !command.Command?.RequestType) {
        return send(res, 500, { command_error: 'decoding command: not a command plist' });
      }
      const result = { command_uuid: command.CommandUUID, request_type: command.Command.RequestType };
      if (storedUuids.has(command.CommandUUID)) {
        return send(res, 500, { ...result, command_error: 'duplicate key value violates unique constraint "commands_pkey"' });
      }
      const unknown = options.enrolled ? ids.filter((id) => !options.enrolled!.includes(id)) : [];
      if (unknown.length > 0) {
        return send(res, 500, { ...result, command_error: 'insert or update on table "enrollment_queue" violates foreign key constraint' });
      }
      storedUuids.add(command.CommandUUID);
      const status: Record<string, { command_error?: string; push_error?: string; push_result?: string }> = {};
      let failed = 0;
      for (const id of ids) {
        const commandError = options.commandErrors?.[id];
        const pushError = options.pushErrors?.[id];
        if (commandError || pushError) failed += 1;
        status[id] = commandError ? { command_error: commandError } : pushError ? { push_error: pushError } : { push_result: `push-${id}` };
      }
      send(res, failed === 0 ? 200 : failed < ids.length ? 207 : 500, { ...result, status });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    apiKey,
    enqueues,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

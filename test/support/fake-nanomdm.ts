import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
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
  /** The query's nopush value, '' when absent. */
  nopush: string;
}

export interface RecordedPush {
  method: string;
  ids: string[];
}

/**
 * Where NanoMDM keeps its queue, which decides how an id it does not know is answered.
 *
 * - 'kv': the default (filekv) and in-memory storage. The command is queued for any id; an
 *   id without enrollment has no push token, so its push fails with "push data missing for id".
 * - 'sql': PostgreSQL or MySQL. The queue rows reference the enrollments table, so one unknown
 *   id fails the whole batch's transaction with a foreign-key error and nothing is queued.
 */
export type FakeStorage = 'kv' | 'sql';

export interface FakeNanoMdmOptions {
  apiKey?: string;
  storage?: FakeStorage;
  /** Ids NanoMDM knows (enrolled, with a push token); every id when left out. */
  enrolled?: readonly string[];
  /** No APNs push certificate uploaded (or an expired one): every push fails, commands still queue. */
  apnsUnset?: boolean;
  /** Per-id enqueue failures, as NanoMDM's (deprecated) file storage reports them. */
  commandErrors?: Record<string, string>;
  /** Per-id refusals from APNs (e.g. BadDeviceToken): the command is queued, the push fails. */
  pushErrors?: Record<string, string>;
  /** Never answer enqueue calls, to exercise timeouts. */
  stall?: boolean;
  /** Refuse the key (401) after this many enqueue calls, as after the key was changed mid-run. */
  refuseKeyAfter?: number;
  /** Answer /version with 404, as a server that is not NanoMDM would. */
  notNanoMdm?: boolean;
  /** Serve HTTPS with this certificate, as a district's NanoMDM behind TLS does. */
  tls?: { cert: string; key: string };
}

export interface FakeNanoMdm {
  baseUrl: string;
  apiKey: string;
  /** Every PUT /v1/enqueue/ call that passed auth, including the empty-path probe. */
  enqueues: RecordedEnqueue[];
  /** The user:password of every Basic header any request carried, refused ones included. */
  credentialsSeen: string[];
  /** Every /v1/push/ call that passed auth. */
  pushes: RecordedPush[];
  /** Enqueues that carried enrollment ids (the calls that can queue a command). */
  commandEnqueues(): RecordedEnqueue[];
  /** The CommandUUIDs queued for an id, oldest first. */
  queueOf(id: string): string[];
  /** The server now has a push certificate (the admin uploaded one), or lost it. */
  setApnsUnset(unset: boolean): void;
  /** The device enrolled: NanoMDM now has its push token. */
  enroll(id: string): void;
  close(): Promise<void>;
}

/** NanoMDM's push topic for a test enrollment; only its shape matters in error texts. */
const PUSH_TOPIC = 'com.apple.mgmt.External.6d2d9f3c-2f7e-4c25-8d55-1e0a6f1c9b20';

type EnrollmentStatus = { command_error?: string; push_error?: string; push_result?: string };
interface ApiResult {
  status?: Record<string, EnrollmentStatus>;
  no_push?: boolean;
  push_error?: string;
  command_error?: string;
  command_uuid?: string;
  request_type?: string;
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
  // Only XML is handed to the parser, which otherwise prints its complaint on the console.
  if (!body.trim().startsWith('<')) return null;
  try {
    return parse(body);
  } catch {
    return null;
  }
}

/** NanoMDM's status code for an API result: any top-level error or all ids failing is 500, some 207. */
function statusCode(result: ApiResult, idCount: number): number {
  if (result.push_error !== undefined || result.command_error !== undefined) return 500;
  const failed = Object.values(result.status ?? {}).filter((s) => s.push_error !== undefined || s.command_error !== undefined).length;
  if (failed === 0) return 200;
  return failed < idCount ? 207 : 500;
}

/**
 * A stand-in for NanoMDM's API on 127.0.0.1, answering as NanoMDM's handlers do (checked
 * against its source, http/api/api.go, api/api.go, api/do.go, push/service, storage/kv and
 * storage/pgsql).
 *
 * /version without auth; Basic auth as "nanomdm" on /v1; the path is decoded first and then
 * split on commas; `nopush` counts when it has any value; an empty body on enqueue only
 * pushes; every id is pushed after a successful enqueue (also one whose own enqueue failed);
 * one stored command per CommandUUID; 200 / 207 / 500 with its APIResult JSON.
 */
export async function startFakeNanoMdm(options: FakeNanoMdmOptions = {}): Promise<FakeNanoMdm> {
  const apiKey = options.apiKey ?? 'nanomdm-api-key';
  const storage = options.storage ?? 'kv';
  const enqueues: RecordedEnqueue[] = [];
  const credentialsSeen: string[] = [];
  const pushes: RecordedPush[] = [];
  const storedUuids = new Set<string>();
  const queues = new Map<string, string[]>();
  const enrolled = options.enrolled ? new Set(options.enrolled) : null;
  let apnsUnset = options.apnsUnset ?? false;
  const known = (id: string) => enrolled === null || enrolled.has(id);

  /** PushService.Push as doPush folds it into the result. */
  function push(result: ApiResult, ids: readonly string[]): void {
    const status = result.status ?? {};
    let reachable = 0;
    for (const id of ids) {
      if (!known(id)) {
        status[id] = { ...status[id], push_error: 'push data missing for id' };
        continue;
      }
      reachable++;
      if (apnsUnset) continue;
      const refusal = options.pushErrors?.[id];
      status[id] = { ...status[id], ...(refusal ? { push_error: refusal } : { push_result: randomUUID() }) };
    }
    if (apnsUnset && reachable > 0) result.push_error = `retrieving push cert for topic "${PUSH_TOPIC}": key not found`;
    if (Object.keys(status).length > 0) result.status = status;
  }

  /** The storage's EnqueueCommand; sets the top-level or per-id command errors. */
  function enqueue(result: ApiResult, ids: readonly string[], uuid: string): void {
    if (storedUuids.has(uuid)) {
      result.command_error = storage === 'kv' ? `command already exists: ${uuid}` : 'pq: duplicate key value violates unique constraint "commands_pkey"';
      return;
    }
    if (storage === 'sql' && ids.some((id) => !known(id))) {
      result.command_error = 'pq: insert or update on table "enrollment_queue" violates foreign key constraint "enrollment_queue_id_fkey"';
      return;
    }
    storedUuids.add(uuid);
    for (const id of ids) {
      const commandError = options.commandErrors?.[id];
      if (commandError) {
        result.status = { ...result.status, [id]: { command_error: commandError } };
        continue;
      }
      queues.set(id, [...(queues.get(id) ?? []), uuid]);
    }
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const basic = req.headers.authorization ?? '';
      if (basic.startsWith('Basic ')) credentialsSeen.push(Buffer.from(basic.slice(6), 'base64').toString('utf8'));
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
      const route = ['/v1/enqueue/', '/v1/push/'].find((prefix) => url.pathname.startsWith(prefix));
      if (!route || (route === '/v1/enqueue/' && req.method !== 'PUT')) return send(res, 404, {});

      // Go's server decodes the path before NanoMDM splits it, so an encoded comma splits too.
      let path: string;
      try {
        path = decodeURIComponent(url.pathname.slice(route.length));
      } catch {
        res.writeHead(400);
        return res.end('400 Bad Request');
      }
      const ids = path === '' ? [] : path.split(',');
      const body = await readBody(req);

      if (route === '/v1/push/') {
        pushes.push({ method: req.method ?? '', ids });
        if (ids.length === 0) return send(res, 500, { push_error: 'getting enrollment ids: empty path' });
        const result: ApiResult = {};
        push(result, ids);
        return send(res, statusCode(result, ids.length), result);
      }

      const nopush = url.searchParams.get('nopush') ?? '';
      const plist = parsePlist(body);
      enqueues.push({ method: req.method ?? '', ids, credentials, contentType: req.headers['content-type'], body, plist, nopush });
      if (options.stall) return;
      if (ids.length === 0) return send(res, 500, { command_error: 'getting enrollment ids: empty path' });

      const result: ApiResult = nopush !== '' ? { no_push: true } : {};
      if (body.length === 0) {
        if (nopush !== '') return send(res, 500, { ...result, command_error: 'must enqueue or push' });
        push(result, ids);
        return send(res, statusCode(result, ids.length), result);
      }
      const command = plist as { CommandUUID?: string; Command?: { RequestType?: string } } | null;
      if (plist === null) return send(res, 500, { command_error: `decoding command: parse error: invalid plist: raw content: ${body}` });
      if (!command?.CommandUUID || !command.Command?.RequestType) return send(res, 500, { command_error: 'decoding command: invalid command' });

      result.command_uuid = command.CommandUUID;
      result.request_type = command.Command.RequestType;
      enqueue(result, ids, command.CommandUUID);
      if (nopush === '' && result.command_error === undefined) push(result, ids);
      send(res, statusCode(result, ids.length), result);
    })();
  };

  const server = options.tls ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, handler) : createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    apiKey,
    enqueues,
    credentialsSeen,
    pushes,
    commandEnqueues: () => enqueues.filter((e) => e.ids.length > 0),
    queueOf: (id) => [...(queues.get(id) ?? [])],
    setApnsUnset: (unset) => {
      apnsUnset = unset;
    },
    enroll: (id) => {
      enrolled?.add(id);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

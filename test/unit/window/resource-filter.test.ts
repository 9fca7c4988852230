import { describe, expect, it } from 'vitest';
import { RENDERER_ROOT_URL } from '../../../main/window/app-scheme';
import { mayLoadResource } from '../../../main/window/resource-filter';

const root = RENDERER_ROOT_URL;
const packaged = 'file:///Applications/Managed%20Distribution.app/Contents/Resources/app.asar/dist/renderer/';

describe('what the desktop window may load', () => {
  it('loads our page, its assets, inline data images and, unpackaged, the developer tools', () => {
    for (const url of [
      `${root}index.html`,
      `${root}index.html#/reports`,
      `${root}assets/index-COb3efTR.js`,
      `${root}assets/index-Bfn7QNYN.css`,
      'app://RENDERER/index.html',
      'data:image/png;base64,iVBORw0KGgo=',
      'devtools://devtools/bundled/devtools_app.html',
    ]) {
      expect(mayLoadResource(url, root), url).toBe(true);
    }
  });

  it('refuses remote content of every kind', () => {
    for (const url of [
      'https://evil.example/payload.js',
      'http://127.0.0.1:8080/api/app.status',
      'ws://evil.example/socket',
      'ftp://evil.example/file',
      '//evil.example/protocol-relative.js',
    ]) {
      expect(mayLoadResource(url, root), url).toBe(false);
    }
  });

  it('refuses every local file, the built renderer folder included: the page is served by app:// alone', () => {
    for (const url of [
      'file:///etc/passwd',
      `${packaged}index.html`,
      `${packaged}assets/index-COb3efTR.js`,
      'file:///C:/Windows/System32/drivers/etc/hosts',
      // A file on another machine, which Windows would open with the admin's credentials.
      'file://attacker.example/share/Managed%20Distribution/x.js',
    ]) {
      expect(mayLoadResource(url, root), url).toBe(false);
    }
  });

  it('refuses another app:// host, and paths whose escapes would smuggle a separator', () => {
    for (const url of [
      'app://evil/index.html',
      'app://renderer.evil/index.html',
      'app://renderer:8080/index.html',
      'app://user:pass@renderer/index.html',
      `${root}assets/..%2f..%2f..%2fpackage.json`,
      `${root}assets%5c..%5c..%5cpackage.json`,
      `${root}index.html%00.png`,
      `${root}%E0%A4%A`,
    ]) {
      expect(mayLoadResource(url, root), url).toBe(false);
    }
  });

  it('refuses script, blob, filesystem and other custom-scheme URLs', () => {
    for (const url of [
      'javascript:alert(document.cookie)',
      'blob:app://renderer/3f2a9c1e-1b2c-4d5e-8f90-123456789abc',
      'filesystem:app://renderer/persistent/x.js',
      'chrome://settings',
      'chrome-extension://abcdefghijklmnop/script.js',
      'ms-msdt:/id PCWDiagnostic',
      'not a url',
      '',
    ]) {
      expect(mayLoadResource(url, root), url).toBe(false);
    }
  });
});

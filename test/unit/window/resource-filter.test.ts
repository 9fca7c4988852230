import { describe, expect, it } from 'vitest';
import { mayLoadResource } from '../../../main/window/resource-filter';

const root = 'file:///Applications/Managed%20Distribution.app/Contents/Resources/app.asar/dist/renderer/';
const windowsRoot = 'file:///C:/Users/Ada/AppData/Local/Programs/Managed%20Distribution/resources/app.asar/dist/renderer/';

describe('what the desktop window may load', () => {
  it('loads our page, its assets, inline data images and, unpackaged, the developer tools', () => {
    for (const url of [
      `${root}index.html`,
      `${root}index.html#/reports`,
      `${root}assets/index-COb3efTR.js`,
      `${root}assets/index-Bfn7QNYN.css`,
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

  it('refuses local files outside the built renderer, however the path is spelt', () => {
    for (const url of [
      'file:///etc/passwd',
      'file:///Applications/Managed%20Distribution.app/Contents/Resources/app.asar/dist/main/index.js',
      'file:///Applications/Managed%20Distribution.app/Contents/Resources/app.asar/package.json',
      `${root}../../package.json`,
      `${root}%2e%2e/%2e%2e/package.json`,
      `${root}assets/..%2f..%2f..%2fpackage.json`,
      `${root}assets%5c..%5c..%5cpackage.json`,
      `${root}index.html%00.png`,
      'file:///Applications/Managed%20Distribution.app/Contents/Resources/app.asar/dist/renderer-evil/x.js',
      'file:///Applications/Managed%20Distribution.app/Contents/Resources/app.asar/dist/renderer',
      `${root}%E0%A4%A`,
    ]) {
      expect(mayLoadResource(url, root), url).toBe(false);
    }
  });

  it('refuses a file on another machine, which Windows would open with the admin credentials', () => {
    expect(mayLoadResource('file://attacker.example/share/Managed%20Distribution/x.js', windowsRoot)).toBe(false);
    expect(mayLoadResource('file://attacker.example/Applications/Managed%20Distribution.app/Contents/Resources/app.asar/dist/renderer/index.html', root)).toBe(false);
  });

  it('refuses script, blob, filesystem and custom-scheme URLs', () => {
    for (const url of [
      'javascript:alert(document.cookie)',
      'blob:file:///3f2a9c1e-1b2c-4d5e-8f90-123456789abc',
      'filesystem:file:///persistent/x.js',
      'chrome://settings',
      'chrome-extension://abcdefghijklmnop/script.js',
      'ms-msdt:/id PCWDiagnostic',
      'not a url',
      '',
    ]) {
      expect(mayLoadResource(url, root), url).toBe(false);
    }
  });

  it('compares Windows paths without regard to case, as Windows does', () => {
    expect(mayLoadResource(`${windowsRoot.replace('file:///C:', 'file:///c:')}assets/app.js`, windowsRoot)).toBe(true);
    expect(mayLoadResource('file:///C:/Windows/System32/drivers/etc/hosts', windowsRoot)).toBe(false);
    // Case matters on macOS and Linux: another spelling is another folder.
    expect(mayLoadResource(root.replace('/renderer/', '/Renderer/') + 'index.html', root)).toBe(false);
  });
});

// @vitest-environment jsdom
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/security/content-security-policy';

// Built here rather than read from dist/renderer, which may be missing or older than the sources.
let outDir: string;
let page: Document;

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'md-renderer-build-'));
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.renderer.config.ts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], {
    stdio: 'pipe',
  });
  page = new DOMParser().parseFromString(readFileSync(join(outDir, 'index.html'), 'utf8'), 'text/html');
}, 120_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the production build of the renderer', () => {
  it('carries the CSP meta tag, with the policy main sends less frame-ancestors', () => {
    const metas = page.querySelectorAll('meta[http-equiv="Content-Security-Policy"]');
    expect(metas).toHaveLength(1);
    const expected = CONTENT_SECURITY_POLICY.split('; ')
      .filter((directive) => !directive.startsWith('frame-ancestors'))
      .join('; ');
    expect(metas[0]!.getAttribute('content')).toBe(expected);
    // In the head and before any script: elsewhere it is ignored or comes too late.
    expect(metas[0]!.parentElement).toBe(page.head);
    expect(page.querySelector('script')!.compareDocumentPosition(metas[0]!) & Node.DOCUMENT_POSITION_PRECEDING).toBeTruthy();
  });

  it('has no inline script: every script is a file of the build, loaded relative to the page', () => {
    const scripts = [...page.querySelectorAll('script')];
    expect(scripts.length).toBeGreaterThan(0);
    const assets = readdirSync(join(outDir, 'assets'));
    for (const script of scripts) {
      expect(script.textContent?.trim(), script.outerHTML).toBe('');
      const src = script.getAttribute('src');
      expect(src, script.outerHTML).toMatch(/^\.\/assets\/[\w.-]+\.js$/);
      expect(assets).toContain(src!.slice('./assets/'.length));
    }
  });

  it('has no event-handler attributes, javascript: URLs or inline styles', () => {
    for (const element of page.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        expect(attribute.name, element.outerHTML).not.toMatch(/^on/i);
        expect(attribute.value, element.outerHTML).not.toMatch(/^\s*javascript:/i);
      }
    }
    expect(page.querySelectorAll('style, [style]')).toHaveLength(0);
  });

  it('loads nothing from another origin', () => {
    for (const element of page.querySelectorAll('[src], [href]')) {
      const url = element.getAttribute('src') ?? element.getAttribute('href')!;
      expect(url, element.outerHTML).toMatch(/^(\.\/|data:)/);
    }
  });

  it('writes no source maps', () => {
    const files = readdirSync(outDir, { recursive: true }).map(String);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
  });
});

import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * Runs electron-builder itself on our config and reads what it put into the app.
 *
 * Electron's binary cannot be downloaded here, so a stand-in Electron folder is packaged
 * (electron-builder only copies and renames it) and the steps that need the real binary or
 * network (fuses, native rebuild) are left out; the file selection and asar packing are the
 * real ones.
 */
interface AsarEntry {
  path: string;
  unpacked: boolean;
}

interface AsarNode {
  files?: Record<string, AsarNode>;
  unpacked?: boolean;
}

/** The files of an asar archive, from its JSON header (a length-prefixed Chromium pickle). */
function asarEntries(file: string): AsarEntry[] {
  const archive = readFileSync(file);
  const header = JSON.parse(archive.subarray(16, 16 + archive.readUInt32LE(12)).toString('utf8')) as AsarNode;
  const entries: AsarEntry[] = [];
  const walk = (node: AsarNode, prefix: string) => {
    for (const [name, child] of Object.entries(node.files ?? {})) {
      if (child.files) walk(child, `${prefix}${name}/`);
      else entries.push({ path: `${prefix}${name}`, unpacked: child.unpacked === true });
    }
  };
  walk(header, '');
  return entries;
}

let work: string;
let entries: AsarEntry[];
let unpackedFiles: string[];
let resources: string;

beforeAll(() => {
  if (!existsSync('dist/main/index.js') || !existsSync('dist/renderer/index.html') || !existsSync('dist/preload/preload.cjs')) {
    execFileSync('npm', ['run', 'build', '--silent'], { stdio: 'pipe' });
  }
  work = mkdtempSync(join(tmpdir(), 'md-package-'));
  const electronDist = join(work, 'electron');
  mkdirSync(electronDist);
  writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\n');
  chmodSync(join(electronDist, 'electron'), 0o755);

  const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;
  delete config.electronFuses;
  Object.assign(config, { electronDist, npmRebuild: false, directories: { output: join(work, 'out'), buildResources: 'build' } });
  writeFileSync(join(work, 'config.json'), JSON.stringify(config));
  execFileSync(process.execPath, ['node_modules/electron-builder/cli.js', '--linux', 'dir', '--config', join(work, 'config.json'), '--publish', 'never'], {
    stdio: 'pipe',
  });

  resources = join(work, 'out', 'linux-unpacked', 'resources');
  entries = asarEntries(join(resources, 'app.asar'));
  unpackedFiles = readdirSync(join(resources, 'app.asar.unpacked'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(join(resources, 'app.asar.unpacked'), join(entry.parentPath, entry.name)));
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packaged app', () => {
  it('holds the built main, preload and renderer, and the entry package.json names', () => {
    const paths = entries.map((entry) => entry.path);
    const appFiles = paths.filter((path) => !path.startsWith('node_modules/'));
    expect(appFiles.filter((path) => !/^dist\/(main|preload|renderer)\//.test(path))).toEqual(['package.json']);
    for (const file of ['dist/main/index.js', 'dist/main/sandbox-main.js', 'dist/preload/preload.cjs', 'dist/renderer/index.html']) {
      expect(paths).toContain(file);
    }
    const packagedManifest = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string };
    expect(paths).toContain(packagedManifest.main);
  });

  it('holds no sources, tests, benchmarks, scripts or source maps', () => {
    for (const { path } of entries) {
      expect(path).not.toMatch(/^(main|preload|renderer|test|bench|scripts|build|seed)\//);
      expect(path).not.toMatch(/\.(map|ts|tsx)$/);
    }
    expect(unpackedFiles.filter((path) => /\.(map|ts|tsx|c|cpp|h|gyp|a|o|mk)$|Makefile$/.test(path))).toEqual([]);
  });

  it('keeps the native modules outside the archive, where the OS can load them', () => {
    const natives = entries.filter((entry) => entry.path.endsWith('.node'));
    expect(natives.map((entry) => entry.path)).toEqual(
      expect.arrayContaining(['node_modules/better-sqlite3/build/Release/better_sqlite3.node', expect.stringMatching(/^node_modules\/@napi-rs\/keyring-[\w-]+\/keyring\.[\w-]+\.node$/)]),
    );
    for (const native of natives) {
      expect(native.unpacked, native.path).toBe(true);
      expect(unpackedFiles).toContain(native.path);
    }
    expect(unpackedFiles).toContain('node_modules/better-sqlite3/lib/index.js');
  });

  it('leaves SQLite sources and compiler output out of the app', () => {
    expect(unpackedFiles.filter((path) => path.startsWith('node_modules/better-sqlite3/build/'))).toEqual([
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    ]);
  });
});

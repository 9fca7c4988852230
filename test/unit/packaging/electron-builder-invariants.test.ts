import { existsSync, readFileSync } from 'node:fs';
import { parse as parsePlist } from 'plist';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Target {
  target: string;
  arch: string;
}

const config = parse(readFileSync('electron-builder.yml', 'utf8'));
const targets = (platform: 'mac' | 'win' | 'linux') => (config[platform].target as Target[]).map(({ target, arch }) => `${target}:${arch}`);

describe('electron-builder.yml', () => {
  it('packages the built app alone: main, preload, renderer and package.json', () => {
    const files = config.files as string[];
    const included = files.filter((pattern) => !pattern.startsWith('!'));
    expect(included).toEqual([
      'dist/main/**/*',
      'dist/preload/**/*',
      'dist/renderer/**/*',
      'package.json',
      // Re-included after the rest of its build folder is excluded.
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    ]);
    expect(files).toEqual(expect.arrayContaining(['!**/*.map', '!**/*.{ts,tsx,mts,cts}']));
    for (const pattern of included) expect(pattern).not.toMatch(/^(\*\*|test|bench|scripts|main|preload|renderer|build)\b/);
  });

  it('unpacks the native modules and rebuilds them for Electron', () => {
    expect(config.asarUnpack).toEqual(['node_modules/better-sqlite3/**/*', 'node_modules/@napi-rs/**/*']);
    expect(config.npmRebuild).toBe(true);
  });

  it('sets the Electron fuses that stop the app being used as a general Node runtime', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      grantFileProtocolExtraPrivileges: false,
      resetAdHocDarwinSignature: true,
    });
  });

  it('builds a universal dmg and zip, hardened, notarized from the environment', () => {
    expect(targets('mac')).toEqual(['dmg:universal', 'zip:universal']);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.notarize).toBe(true);
    for (const file of [config.mac.entitlements, config.mac.entitlementsInherit]) {
      // JIT for V8 and nothing more: no library-validation or unsigned-memory opt-outs.
      expect(parsePlist(readFileSync(file, 'utf8'))).toEqual({ 'com.apple.security.cs.allow-jit': true });
    }
  });

  it('builds a per-user Windows installer with a choosable folder, and a portable exe', () => {
    expect(targets('win')).toEqual(['nsis:x64', 'portable:x64']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true });
  });

  it('builds an AppImage and a deb', () => {
    expect(targets('linux')).toEqual(['AppImage:x64', 'deb:x64']);
  });

  it('opens .vpptoken files', () => {
    expect(config.fileAssociations).toEqual([expect.objectContaining({ ext: 'vpptoken', name: 'Apple service token', role: 'Viewer' })]);
  });

  it('points at icons that exist', () => {
    for (const path of [config.mac.icon, config.win.icon, `${config.linux.icon}/512x512.png`]) expect(existsSync(path), path).toBe(true);
  });

  it('carries no signing secret: certificates and Apple credentials come from the environment', () => {
    const text = readFileSync('electron-builder.yml', 'utf8');
    expect(text).not.toMatch(/^\s*(cscLink|cscKeyPassword|certificatePassword|certificateFile|appleId|appleIdPassword|teamId|identity)\s*:/im);
    expect(text).not.toMatch(/-----BEGIN|\.p12\b|\.pfx\b/);
  });
});

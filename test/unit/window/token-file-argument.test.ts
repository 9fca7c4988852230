import { describe, expect, it } from 'vitest';
import { isVpptokenPath, vpptokenPathFromArgs } from '../../../main/window/token-file-argument';

const cwd = '/home/ada';

describe('the .vpptoken file the app was asked to open', () => {
  it('is the file Windows or Linux passed to the packaged app', () => {
    expect(vpptokenPathFromArgs(['/opt/Managed Distribution/managed-distribution', '/home/ada/Downloads/Springfield.vpptoken'], cwd)).toBe(
      '/home/ada/Downloads/Springfield.vpptoken',
    );
  });

  it('accepts the file: URL a Linux desktop passes for %U, and any case of the extension', () => {
    expect(vpptokenPathFromArgs(['app', 'file:///home/ada/Downloads/North%20Campus.VPPTOKEN'], cwd)).toBe('/home/ada/Downloads/North Campus.VPPTOKEN');
  });

  it('resolves a relative path against the launching process folder', () => {
    expect(vpptokenPathFromArgs(['electron', '.', 'tokens/school.vpptoken'], '/work')).toBe('/work/tokens/school.vpptoken');
  });

  it('skips Chromium switches a second instance receives, and the data folder value', () => {
    expect(
      vpptokenPathFromArgs(
        ['app', '--allow-file-access-from-files', '--data-dir', '/data/looks-like.vpptoken', '--original-process-start-time=1', '/t/a.vpptoken'],
        cwd,
      ),
    ).toBe('/t/a.vpptoken');
    expect(vpptokenPathFromArgs(['app', '--data-dir=/data/x.vpptoken'], cwd)).toBeNull();
    expect(vpptokenPathFromArgs(['app', '--token=/t/a.vpptoken'], cwd)).toBeNull();
  });

  it('is nothing when no token file is named', () => {
    expect(vpptokenPathFromArgs(['/Applications/Managed Distribution.app/Contents/MacOS/Managed Distribution'], cwd)).toBeNull();
    expect(vpptokenPathFromArgs(['app', '/home/ada/notes.txt', 'token.vpptoken.exe', 'https://evil.example/a.vpptoken'], cwd)).toBeNull();
    expect(vpptokenPathFromArgs(['app', 'file://%zz/x.vpptoken'], cwd)).toBeNull();
    expect(vpptokenPathFromArgs([], cwd)).toBeNull();
  });

  it('never mistakes the executable itself for a token file', () => {
    expect(vpptokenPathFromArgs(['/tmp/odd.vpptoken'], cwd)).toBeNull();
  });

  it('names token files by their extension alone', () => {
    expect(isVpptokenPath('/Users/ada/Downloads/Springfield_token.vpptoken')).toBe(true);
    expect(isVpptokenPath('/Users/ada/Downloads/Springfield.vpptoken.zip')).toBe(false);
    expect(isVpptokenPath('.vpptoken-notes')).toBe(false);
  });
});

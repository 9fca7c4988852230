import { describe, expect, it } from 'vitest';
import { resolveDataDir } from '../../../main/config/data-dir';

const base = { argv: [] as string[], env: {}, platform: 'linux' as NodeJS.Platform, home: '/home/ada' };

describe('the data folder', () => {
  it('is the OS app-data folder by default', () => {
    expect(resolveDataDir(base)).toBe('/home/ada/.config/Managed Distribution');
    expect(resolveDataDir({ ...base, env: { XDG_CONFIG_HOME: '/xdg' } })).toBe('/xdg/Managed Distribution');
    expect(resolveDataDir({ ...base, platform: 'darwin', home: '/Users/ada' })).toBe(
      '/Users/ada/Library/Application Support/Managed Distribution',
    );
  });

  it('is MD_DATA_DIR when set, and --data-dir above all', () => {
    expect(resolveDataDir({ ...base, env: { MD_DATA_DIR: '/srv/md' } })).toBe('/srv/md');
    expect(resolveDataDir({ ...base, env: { MD_DATA_DIR: '/srv/md' }, argv: ['--data-dir', '/tmp/a'] })).toBe('/tmp/a');
    expect(resolveDataDir({ ...base, argv: ['--data-dir=/tmp/b'] })).toBe('/tmp/b');
  });
});

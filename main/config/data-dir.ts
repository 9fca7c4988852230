import { join } from 'node:path';

export const APP_FOLDER_NAME = 'Managed Distribution';

export interface DataDirSources {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  home: string;
}

/** `--data-dir X` or `--data-dir=X`, if given. */
export function dataDirArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--data-dir') return argv[i + 1];
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length);
  }
  return undefined;
}

/** Where the OS keeps per-user application data, as Electron's `userData` would say. */
export function osAppDataDir(platform: NodeJS.Platform, env: DataDirSources['env'], home: string): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_FOLDER_NAME);
}

/** The data folder: `--data-dir`, else `MD_DATA_DIR`, else the OS's app-data folder. */
export function resolveDataDir(sources: DataDirSources): string {
  return dataDirArgument(sources.argv) || sources.env.MD_DATA_DIR || osAppDataDir(sources.platform, sources.env, sources.home);
}

import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../errors/domain-error';

export const LOCK_FILE_NAME = 'managed-distribution.lock';

/** Held for as long as an app works on a data folder; `release` gives it up. */
export interface DataFolderLock {
  release(): void;
}

/** Whether a process of this id still runs (signal 0 asks without sending anything). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data folder for this process, or refuses with what to do.
 *
 * Two apps on one folder (two `npm start`, or the desktop and browser mode) would each resume
 * the same interrupted runs and retry the same installs, so one of them would email people
 * and send devices commands twice. The lock file holds the owner's process id; a file left by
 * a process that no longer runs (a crash, kill -9) is taken over.
 */
export function lockDataFolder(dataDir: string, pid = process.pid): DataFolderLock {
  const file = join(dataDir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, String(pid));
      closeSync(fd);
      return {
        release: () => {
          if (ownerOf(file) === pid) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = ownerOf(file);
      if (owner !== null && running(owner)) {
        throw new DomainError(
          'CONFLICT',
          `Another copy of Managed Distribution (process ${owner}) is using the data folder ${dataDir}. Close it first, or choose another folder with --data-dir. If no other copy runs, delete ${file}.`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new DomainError('CONFLICT', `The data folder ${dataDir} is being opened by another copy of Managed Distribution at this moment. Try again.`);
}

function ownerOf(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

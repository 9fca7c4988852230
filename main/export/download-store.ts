import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, rmSync, type ReadStream } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock/clock';
import type { ExportDestination } from './export-destination';

const DOWNLOAD_LIFETIME_MS = 10 * 60 * 1000;

interface Pending {
  file: string;
  name: string;
  readyAt: number;
}

/**
 * Exports offered as browser downloads: written to the data folder, fetched once through an
 * unguessable link, then deleted.
 *
 * The link's random id is what authorises the download, because a download started from a
 * link cannot carry the API key header; it works once and for ten minutes.
 */
export class DownloadStore {
  private readonly pending = new Map<string, Pending>();
  private readonly dir: string;

  constructor(dataDir: string, private readonly clock: Clock) {
    this.dir = join(dataDir, 'exports');
    rmSync(this.dir, { recursive: true, force: true });
  }

  readonly destination: ExportDestination = async (suggestedName) => {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const id = randomBytes(24).toString('base64url');
    const file = join(this.dir, `${id}.csv`);
    const stream = createWriteStream(file, { mode: 0o600 });
    return {
      stream,
      finish: async () => {
        this.pending.set(id, { file, name: suggestedName, readyAt: this.clock.now().getTime() });
        return { savedTo: null, downloadUrl: `/api/download/${id}` };
      },
      discard: async () => rmSync(file, { force: true }),
    };
  };

  /** The file behind a download link, once; null when unknown, used or expired. */
  take(id: string): { name: string; open(): ReadStream; remove(): void } | null {
    const entry = this.pending.get(id);
    this.pending.delete(id);
    if (!entry) return null;
    if (this.clock.now().getTime() - entry.readyAt > DOWNLOAD_LIFETIME_MS) {
      rmSync(entry.file, { force: true });
      return null;
    }
    return { name: entry.name, open: () => createReadStream(entry.file), remove: () => rmSync(entry.file, { force: true }) };
  }
}

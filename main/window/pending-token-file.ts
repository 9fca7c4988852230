import { isVpptokenPath } from './token-file-argument';

/**
 * The token file the admin asked the app to open, held until Add Token takes it.
 *
 * The request can arrive before the window exists (macOS sends `open-file` before `ready`;
 * Windows and Linux pass it in argv), so it is kept here rather than sent at once.
 */
export class PendingTokenFile {
  #path: string | null = null;

  /** Keeps `path` if it names a `.vpptoken` file; the latest request wins. */
  offer(path: string | null): void {
    if (path !== null && isVpptokenPath(path)) this.#path = path;
  }

  /** The waiting path, handed out once. */
  take(): string | null {
    const path = this.#path;
    this.#path = null;
    return path;
  }
}

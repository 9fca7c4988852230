import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { windowStateFromText, type WindowState } from './window-state';

export const WINDOW_STATE_FILE_NAME = 'window-state.json';

/** How long moves and resizes settle before the file is written: dragging fires dozens a second. */
const SAVE_DELAY_MS = 500;

/**
 * window-state.json in the data folder: read once at start, written a moment after the
 * window stops moving.
 *
 * Written to a temporary file and renamed, so a crash mid-write leaves the previous state
 * rather than half a file.
 */
export class WindowStateStore {
  private readonly file: string;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending: WindowState | null = null;

  constructor(dataDir: string) {
    this.file = join(dataDir, WINDOW_STATE_FILE_NAME);
  }

  /** The saved state, or the defaults when there is none or it cannot be read. */
  load(): WindowState {
    let text: string | null = null;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      text = null;
    }
    return windowStateFromText(text);
  }

  /** Saves `state` after a short pause; a newer call replaces a waiting one. */
  save(state: WindowState): void {
    this.pending = state;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
  }

  /** Writes a waiting save now: on close, the pause would outlive the app. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const state = this.pending;
    this.pending = null;
    if (!state) return;
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(state));
    renameSync(temporary, this.file);
  }
}

import type { Clock } from '../../clock/clock';
import type { Timers } from '../../clock/timers';

const HOUR_MS = 60 * 60 * 1000;

export interface AutoSyncOptions {
  /** Syncs every service that can be synced; resolves when all have ended. */
  syncAll: () => Promise<void>;
  /** Hours between automatic syncs, read at every tick; 0 turns them off. */
  hours: () => number;
  clock: Clock;
  timers: Timers;
  logError: (message: string, error: unknown) => void;
  /** Time for the app to settle after start before the first sync. */
  startupDelayMs?: number;
  /** How often the scheduler looks at the clock. */
  tickMs?: number;
}

/**
 * Automatic sync: shortly after the app starts, then every N hours.
 *
 * It wakes every few minutes and compares the clock with the last run instead of sleeping N
 * hours in one timer: a laptop that slept through the due time syncs when it wakes, and a
 * changed setting applies at the next tick with nothing to reschedule.
 */
export class AutoSyncScheduler {
  private timer: unknown = null;
  private lastRunAt: number | null = null;
  private stopped = false;
  private readonly tickMs: number;

  constructor(private readonly options: AutoSyncOptions) {
    this.tickMs = options.tickMs ?? 5 * 60 * 1000;
  }

  start(): void {
    this.schedule(this.options.startupDelayMs ?? 15_000);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.options.timers.clear(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = this.options.timers.set(() => this.tick(), ms);
  }

  private tick(): void {
    this.timer = null;
    if (this.stopped) return;
    if (!this.due()) {
      this.schedule(this.tickMs);
      return;
    }
    // The next tick is set only once the run ends, so runs never overlap.
    this.lastRunAt = this.options.clock.now().getTime();
    void this.options
      .syncAll()
      .catch((error: unknown) => this.options.logError('Automatic sync failed', error))
      .finally(() => this.schedule(this.tickMs));
  }

  private due(): boolean {
    const hours = this.options.hours();
    if (hours <= 0) return false;
    return this.lastRunAt === null || this.options.clock.now().getTime() - this.lastRunAt >= hours * HOUR_MS;
  }
}

import type { Clock } from '../clock/clock';

const MINUTE = 60_000;

export type Sleep = (ms: number) => Promise<void>;

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Lets at most N emails start in any sliding minute, first come first served.
 *
 * Hosted mail services count per minute and answer a burst with temporary refusals, which
 * would turn a district's invitation run into a list of failures. The limit is read on
 * every call so a saved setting applies to the next email; clock and sleep are ports so
 * tests can watch the waits without waiting.
 */
export class SendRateLimiter {
  private readonly started: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  private readonly sleep: Sleep;

  constructor(
    private readonly perMinute: () => number,
    private readonly clock: Clock,
    sleep?: Sleep,
  ) {
    this.sleep = sleep ?? realSleep;
  }

  /** Resolves when this email may start. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.clock.now().getTime();
      while (this.started.length > 0 && this.started[0]! <= now - MINUTE) this.started.shift();
      if (this.started.length < Math.max(1, this.perMinute())) {
        this.started.push(now);
        return;
      }
      await this.sleep(this.started[0]! + MINUTE - now);
    }
  }
}

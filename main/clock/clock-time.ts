const MINUTE_MS = 60_000;

/**
 * The local time an admin should wait for, as HH:MM on this machine's clock.
 *
 * Rounded up to the next whole minute: "after 14:03" must never name a moment before the one
 * meant.
 */
export function clockTime(at: Date): string {
  const rounded = new Date(Math.ceil(at.getTime() / MINUTE_MS) * MINUTE_MS);
  return `${pad(rounded.getHours())}:${pad(rounded.getMinutes())}`;
}

/** "45 seconds", "1 minute", "12 minutes": seconds under a minute, whole minutes (rounded up) above. */
export function waitLength(ms: number): string {
  if (ms < MINUTE_MS) {
    const seconds = Math.max(1, Math.ceil(ms / 1000));
    return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  }
  const minutes = Math.ceil(ms / MINUTE_MS);
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** The local time something happened, as HH:MM on this machine's clock (rounded down). */
export function happenedAt(at: Date): string {
  return `${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

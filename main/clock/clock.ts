/** The time source every domain service takes, so tests can set the hour. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

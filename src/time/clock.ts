/** Time as a service, so tests can give handlers and schedulers a clock they control. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * Background work a feature runs beside the interaction handlers (timers, schedules). Started once
 * the chat client is ready (the adapters it was built with work from then on), stopped before the
 * client is destroyed and the store closed.
 */
export interface Lifecycle {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

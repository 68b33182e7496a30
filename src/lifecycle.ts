import type { Client } from 'discord.js';

/**
 * Background work a feature runs beside the interaction handlers (timers, schedules). Started once
 * the client is ready, stopped before the client is destroyed and the store closed.
 */
export interface Lifecycle {
  readonly name: string;
  start(client: Client<true>): Promise<void>;
  stop(): Promise<void>;
}

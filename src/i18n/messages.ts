import { commandMessages } from './commands';
import { coreMessages } from './core';
import { quoteMessages } from './quotes';

/** Every catalogue, merged. A feature adds its own file and one line here. */
export const messages = {
  ...coreMessages,
  ...commandMessages,
  ...quoteMessages,
};

export type MessageKey = keyof typeof messages;

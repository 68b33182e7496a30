import { chartMessages } from './charts';
import { commandMessages } from './commands';
import { coreMessages } from './core';
import { helpMessages } from './help';
import { pollCommandMessages } from './poll-commands';
import { pollMessages } from './polls';
import { privacyMessages } from './privacy';
import { proposalMessages } from './proposals';
import { quoteMessages } from './quotes';
import { rateLimitMessages } from './rate-limit';
import { readingMessages } from './reading';
import { sessionMessages } from './sessions';
import { textCommandMessages } from './text-commands';
import { textMessages } from './texts';

/** Every catalogue, merged. A feature adds its own file and one line here. */
export const messages = {
  ...coreMessages,
  ...helpMessages,
  ...commandMessages,
  ...quoteMessages,
  ...readingMessages,
  ...sessionMessages,
  ...textCommandMessages,
  ...pollMessages,
  ...pollCommandMessages,
  ...privacyMessages,
  ...proposalMessages,
  ...rateLimitMessages,
  ...chartMessages,
  ...textMessages,
};

export type MessageKey = keyof typeof messages;

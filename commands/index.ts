import type { Command } from '../src/discord/command';
import about from './about';
import help from './help';
import poll from './poll';
import privacy from './privacy';
import proposal from './proposal';
import reading from './reading';
import search from './search';
import section from './section';
import text from './text';

/** Every command, in one explicit list shared by the router, the deploy script and the tests. */
export const commands: readonly Command[] = [
  section,
  search,
  reading,
  text,
  proposal,
  poll,
  privacy,
  help,
  about,
];

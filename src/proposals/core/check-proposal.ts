import { UserError } from '../../errors/user-error';
import { PROPOSAL_LIMITS, type ProposalInput, type ProposalText } from './proposal';

/**
 * Mentions that would ping if anything ever parsed them: refused rather than stored. Discord reads
 * `@everyone` even glued to the next word, so no word boundary.
 */
const MENTION = /@(everyone|here)|<@[!&]?\d+>/i;

/**
 * Checks what a member typed: a title of 1 to 200 characters, an optional http(s) link of at most
 * 512 characters and note of at most 500, none with a mention. Spacing is tidied (Discord options
 * are one line, but a title of spaces is no title). Throws a `UserError` saying what to fix.
 */
export function checkProposal(input: ProposalInput): ProposalText {
  const { titleLength, noteLength } = PROPOSAL_LIMITS;
  const title = tidy(input.title);
  if (title === '') throw new UserError('proposal.error.titleEmpty');
  if (title.length > titleLength) {
    throw new UserError('proposal.error.titleTooLong', { length: title.length, max: titleLength });
  }
  const note = input.note === undefined ? '' : tidy(input.note);
  if (note.length > noteLength) {
    throw new UserError('proposal.error.noteTooLong', { length: note.length, max: noteLength });
  }
  const typedLink = input.link?.trim() ?? '';
  if ([title, note, typedLink].some((text) => MENTION.test(text))) {
    throw new UserError('proposal.error.mention');
  }
  const link = typedLink === '' ? undefined : checkLink(typedLink);
  return {
    title,
    ...(link !== undefined && { link }),
    ...(note !== '' && { note }),
  };
}

/** An absolute http(s) URL, as the URL parser writes it (so `>` and spaces are escaped). */
function checkLink(typed: string): string {
  const url = parseUrl(typed);
  if (
    url === null ||
    /\s/.test(typed) ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.hostname === ''
  ) {
    throw new UserError('proposal.error.linkInvalid');
  }
  const { linkLength } = PROPOSAL_LIMITS;
  // Measured as stored: escaping may lengthen what was typed.
  if (url.href.length > linkLength) {
    throw new UserError('proposal.error.linkTooLong', { length: url.href.length, max: linkLength });
  }
  return url.href;
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

function tidy(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

import { fold, words } from '../../content/fold';
import type { ProposalText } from './proposal';

/** What makes two proposals the same: their title, or their link. */
export interface DedupeKey {
  readonly on: 'title' | 'link';
  readonly value: string;
}

/**
 * A title as readers compare them: its words, case, accents and punctuation aside, one space
 * apart ("L’État et la révolution" is "l etat et la revolution"). A title without a letter or
 * digit is compared by its folded whole.
 */
export function foldTitle(title: string): string {
  // Folded first: folding turns some letters (ʼ) into punctuation, which then splits words.
  const folded = words(fold(title))
    .map((word) => word.folded)
    .filter((word) => word !== '')
    .join(' ');
  return folded === '' ? fold(title) : folded;
}

/**
 * A link as the resource it names: scheme, `www.`, fragment and trailing slashes aside,
 * percent-escapes decoded, case and accents folded.
 */
export function foldLink(link: string): string {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return fold(link);
  }
  const host = url.host.replace(/^www\./, '');
  const path = url.pathname.replace(/\/+$/, '');
  return fold(decode(`${host}${path}${url.search}`));
}

/** The keys under which a proposal is claimed, so that a second one like it is refused. */
export function dedupeKeys(text: ProposalText): DedupeKey[] {
  return [
    { on: 'title', value: foldTitle(text.title) },
    ...(text.link === undefined ? [] : [{ on: 'link' as const, value: foldLink(text.link) }]),
  ];
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

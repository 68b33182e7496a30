/** Escapes Markdown that works anywhere in a line: emphasis, code, spoilers, masked links. */
export function escapeInlineMarkdown(text: string): string {
  return text.replace(/[\\*_~`|[\]]/g, '\\$&');
}

/**
 * Escapes Discord Markdown so quoted or user-supplied text shows as typed: inline Markdown, and
 * quote, heading, subtext ("-#") and list ("-", "*", "+", "1.") markers at the start of a line.
 * Mentions are left as typed: no message parses them (see `MessageView.pingRoles`). The space
 * before a marker stops at the line's end: `\s*` would rescan every following line from each line
 * start, quadratic on a paragraph of 20,000 line separators.
 */
export function escapeMarkdown(text: string): string {
  return escapeInlineMarkdown(text)
    .replace(/^([^\S\n\r\u2028\u2029]*)([>#+-])/gm, '$1\\$2')
    .replace(/^([^\S\n\r\u2028\u2029]*\d+)\./gm, '$1\\.');
}

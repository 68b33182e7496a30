/** Escapes Markdown that works anywhere in a line: emphasis, code, spoilers, masked links. */
export function escapeInlineMarkdown(text: string): string {
  return text.replace(/[\\*_~`|[\]]/g, '\\$&');
}

/**
 * Escapes Discord Markdown so quoted or user-supplied text shows as typed: inline Markdown, and
 * quote, heading, subtext ("-#") and list ("-", "*", "+", "1.") markers at the start of a line.
 * Mentions are left as typed: no message parses them (see `MessageView.pingRoles`).
 */
export function escapeMarkdown(text: string): string {
  return escapeInlineMarkdown(text)
    .replace(/^(\s*)([>#+-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)\./gm, '$1\\.');
}

/** Escapes Markdown that works anywhere in a line: emphasis, code, spoilers, masked links. */
export function escapeInlineMarkdown(text: string): string {
  return text.replace(/[\\*_~`|[\]]/g, '\\$&');
}

/**
 * Escapes Discord Markdown so quoted or user-supplied text shows as typed: inline Markdown, and
 * quote, heading and list markers at the start of a line.
 */
export function escapeMarkdown(text: string): string {
  return escapeInlineMarkdown(text)
    .replace(/^(\s*)([>#-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)\./gm, '$1\\.');
}

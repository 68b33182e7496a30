/**
 * Escapes Discord Markdown so quoted or user-supplied text shows as typed: emphasis, code, spoilers,
 * masked links, and quote, heading and list markers at the start of a line.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_~`|[\]]/g, '\\$&')
    .replace(/^(\s*)([>#-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)\./gm, '$1\\.');
}

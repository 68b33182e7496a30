/** Lines of a text file: a byte order mark and Windows (CRLF) or old Mac (CR) line ends are fine. */
export function splitLines(source: string): string[] {
  return source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

/** A paragraph read line by line, up to a blank line or a heading; its lines join with a space. */
export class ParagraphLines {
  private lines: string[] = [];
  private start = 0;

  add(line: string, lineNumber: number): void {
    if (this.lines.length === 0) this.start = lineNumber;
    this.lines.push(line.trim());
  }

  /** The paragraph read so far, if any, with the line it starts on and how many lines it spans. */
  take(): { text: string; line: number; lineCount: number; longestLine: number } | undefined {
    if (this.lines.length === 0) return undefined;
    const lines = this.lines;
    this.lines = [];
    return {
      text: lines.join(' '),
      line: this.start,
      lineCount: lines.length,
      // Not Math.max(...lines): a hostile paragraph of 200,000 lines would overflow the stack.
      longestLine: lines.reduce((longest, line) => Math.max(longest, line.length), 0),
    };
  }
}

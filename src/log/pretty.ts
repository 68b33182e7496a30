/** pino's numeric levels, as a person reads them. */
const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** Fields every line has, shown in its own way or not at all. */
const SHOWN_APART = new Set(['level', 'time', 'msg', 'app', 'err', 'pid', 'hostname']);

/**
 * One JSON log line as text for a terminal or `journalctl` (`LOG_FORMAT=pretty`):
 * `2026-11-30T14:02:03.123Z INFO  tribune is ready user="Tribune#0001" guilds=3`, and an error's
 * stack indented below. Takes the line after redaction, so it can show nothing the JSON would not.
 */
export function prettyLine(json: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof record.time === 'number' ? new Date(record.time).toISOString() : '';
  const level = (LEVELS[Number(record.level)] ?? String(record.level)).padEnd(5);
  const fields = Object.entries(record)
    .filter(([key]) => !SHOWN_APART.has(key))
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`);
  const head = [time, level, typeof record.msg === 'string' ? record.msg : '', ...fields].join(' ');
  const err = record.err as { stack?: unknown; message?: unknown } | undefined;
  const detail = typeof err?.stack === 'string' ? err.stack : err?.message;
  return `${head}${typeof detail === 'string' ? `\n    ${detail.split('\n').join('\n    ')}` : ''}\n`;
}

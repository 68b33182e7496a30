/**
 * A Discord timestamp (`<t:…>`): each reader sees it in their own time zone and language.
 * `relative` reads "in 2 hours"; `full` "Tuesday 1 December 2026 18:30"; `full-relative` both.
 */
export type TimestampStyle = 'relative' | 'full' | 'full-relative';

export function discordTime(at: Date | number, style: TimestampStyle = 'relative'): string {
  const seconds = Math.floor((typeof at === 'number' ? at : at.getTime()) / 1000);
  switch (style) {
    case 'relative':
      return `<t:${seconds}:R>`;
    case 'full':
      return `<t:${seconds}:F>`;
    case 'full-relative':
      return `<t:${seconds}:F> (<t:${seconds}:R>)`;
  }
}

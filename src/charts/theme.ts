/**
 * The chart is drawn on a card of its own, opaque, so it stays readable whatever Discord's theme:
 * a transparent picture would need one text colour that contrasts with both white (light theme)
 * and near-black (dark theme), and no colour does that well. The theme only picks which card
 * blends in. Text and muted text reach WCAG AA (4.5:1) on the card, bars 3:1 on the card and on
 * their track (checked by `tests/unit/charts.test.ts`).
 */
export type ChartTheme = 'light' | 'dark';

export interface Palette {
  readonly card: string;
  /** The card's edge, for a card that meets a background of its own colour. */
  readonly border: string;
  readonly text: string;
  readonly muted: string;
  readonly track: string;
  readonly bar: string;
}

export const PALETTES: Readonly<Record<ChartTheme, Palette>> = {
  // Discord's own surfaces and blurple, lightened or darkened until they reach the ratios above.
  light: {
    card: '#ffffff',
    border: '#d4d7dc',
    text: '#1f2124',
    muted: '#4e5058',
    track: '#e3e5e8',
    bar: '#4752c4',
  },
  dark: {
    card: '#2b2d31',
    border: '#4e5058',
    text: '#f2f3f5',
    muted: '#b5bac1',
    track: '#1e1f22',
    bar: '#8c95f5',
  },
};

import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { decode, type DecodedPng } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { buildEntry } from '../../scripts/build';
import { barChartSvg, CHART_LIMITS, type ChartInput } from '../../src/charts/bar-chart';
import { describeChart, DESCRIPTION_LIMIT } from '../../src/charts/describe-chart';
import { loadChartFont } from '../../src/charts/font';
import { ChartFontError, createSvgToPng } from '../../src/charts/render-png';
import { createChartRenderer } from '../../src/charts/results-chart';
import { drawableText, fitLine, textWidth, wrapLines } from '../../src/charts/text-layout';
import { PALETTES, type ChartTheme } from '../../src/charts/theme';
import { parseTrueType } from '../../src/charts/ttf';
import { subsetFont } from '../../src/charts/ttf-subset';
import { pluralForm } from '../../src/i18n/plural';
import { POLL_LIMITS } from '../../src/polls/core/poll';
import { hostileString } from '../support/hostile-strings';

const font = loadChartFont();
const renderer = await createChartRenderer(font);
const THEMES: readonly ChartTheme[] = ['dark', 'light'];
/** What the chart draws for a character the font lacks. */
const MARK = '\u25a1';

const BASE: ChartInput = {
  question: 'Que lit-on ensuite ?',
  options: [
    { label: 'Dune', count: 3 },
    { label: 'Solaris', count: 1 },
  ],
  voters: 4,
  locale: 'fr',
  theme: 'dark',
};

const withLabel = (label: string, input: ChartInput = BASE): ChartInput => ({
  ...input,
  options: [{ label, count: 3 }, ...input.options.slice(1)],
});

const png = async (input: ChartInput) => (await renderer.renderResultsChart(input)).png;

function image(file: Buffer): DecodedPng {
  const decoded = decode(file);
  expect(decoded.depth).toBe(8);
  expect(decoded.channels).toBe(4);
  return decoded;
}

/** Pixels that differ between two pictures of the same size. */
function differingPixels(a: Buffer, b: Buffer): number {
  const [first, second] = [image(a), image(b)];
  expect([first.width, first.height]).toEqual([second.width, second.height]);
  let count = 0;
  for (let at = 0; at < first.data.length; at += 4) {
    if ([0, 1, 2, 3].some((channel) => first.data[at + channel] !== second.data[at + channel])) {
      count += 1;
    }
  }
  return count;
}

/** Pixels close to `hex`: text colour, anti-aliasing aside, is only ever used by text. */
function pixelsNear(file: Buffer, hex: string): number {
  const { data } = image(file);
  const [r, g, b] = rgb(hex);
  let count = 0;
  for (let at = 0; at < data.length; at += 4) {
    const distance =
      Math.abs((data[at] ?? 0) - r) +
      Math.abs((data[at + 1] ?? 0) - g) +
      Math.abs((data[at + 2] ?? 0) - b);
    if (distance < 60 && data[at + 3] === 255) count += 1;
  }
  return count;
}

function rgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

/** The code point the font draws widest: labels made of it are the hardest to fit. */
const WIDEST = String.fromCodePoint(
  [...font.metrics.advances].reduce((widest, entry) => (entry[1] > widest[1] ? entry : widest))[0],
);

function worstCase(theme: ChartTheme): ChartInput {
  return {
    question: WIDEST.repeat(POLL_LIMITS.questionLength),
    options: Array.from({ length: CHART_LIMITS.maxOptions }, (_, index) => ({
      label: (index % 2 === 0 ? WIDEST : 'W').repeat(POLL_LIMITS.optionLength),
      count: 1_000_000 - index,
    })),
    voters: 1_000_000,
    closed: true,
    locale: 'fr',
    theme,
  };
}

describe('text in the picture', () => {
  it('draws the question, the labels and the footer', async () => {
    const { text } = PALETTES.dark;
    expect(pixelsNear(await png(BASE), text)).toBeGreaterThan(
      pixelsNear(await png({ ...BASE, question: '' }), text) + 200,
    );
    expect(differingPixels(await png(BASE), await png(withLabel('')))).toBeGreaterThan(100);
    expect(differingPixels(await png(BASE), await png({ ...BASE, closed: true }))).toBeGreaterThan(
      100,
    );
  });

  it.each(['é', 'É', 'à', 'ç', 'œ', 'ï', '«', '»', '’', '…', 'ß', 'Ж', 'λ'])(
    '%s is drawn as itself, not as a blank or the mark for missing characters',
    async (char) => {
      expect(drawableText(char, font.metrics)).toBe(char);
      const drawn = await png(withLabel(char));
      // The smallest (’) changes 8 pixels at 16 px.
      expect(differingPixels(drawn, await png(withLabel('')))).toBeGreaterThan(4);
      expect(differingPixels(drawn, await png(withLabel(MARK)))).toBeGreaterThan(4);
    },
  );

  it.each([
    ['an emoji', '✅'],
    ['a family (joined emoji)', '👨‍👩‍👧'],
    ['a flag', '🇫🇷'],
    ['an emoji with a skin tone', '👍🏽'],
    ['a keycap', '1️⃣'],
    ['a broken surrogate', '\ud83d'],
    ['a character outside the font', '𝕿'],
  ])('%s the font lacks becomes one visible mark, never nothing', async (_, char) => {
    expect(drawableText(`a${char}b`, font.metrics)).toBe(`a${MARK}b`);
    const drawn = await png(withLabel(char));
    expect(differingPixels(drawn, await png(withLabel('')))).toBeGreaterThan(10);
    expect(drawn.equals(await png(withLabel(MARK)))).toBe(true);
  });

  it('draws an emoji the font has as itself', async () => {
    expect(drawableText('😀', font.metrics)).toBe('😀');
    expect(differingPixels(await png(withLabel('😀')), await png(withLabel(MARK)))).toBeGreaterThan(
      10,
    );
  });

  it('drops what Discord shows as nothing: control characters, line breaks as spaces', () => {
    expect(drawableText('  Du\u0000ne\u0007\n\n\tSolaris  ', font.metrics)).toBe('Dune Solaris');
    expect(drawableText('e\u0301', font.metrics)).toBe('é');
  });

  it('escapes XML in every user string', async () => {
    const hostile = `<svg onload="x">&amp; ' ]]> <!-- </text>`;
    const input: ChartInput = { ...withLabel(hostile), question: hostile };
    const { svg } = barChartSvg(input, font);
    expect(svg).not.toContain('<svg onload');
    expect(svg).toContain('&lt;svg onload=&quot;x&quot;&gt;&amp;amp; &apos; ]]&gt; &lt;!--');
    expect(svg.match(/<text/g)).toHaveLength(svg.match(/<\/text>/g)?.length ?? -1);
    expect(
      differingPixels(await png(input), await png({ ...withLabel(''), question: hostile })),
    ).toBeGreaterThan(100);
  });
});

describe('renderer', () => {
  it('draws charts asked for at once one after the other, each as if alone', async () => {
    const inputs = ['Dune', 'Solaris', 'Fondation'].map((label) => withLabel(label));
    const alone: Buffer[] = [];
    for (const input of inputs) alone.push(await png(input));
    const together = await Promise.all(inputs.map((input) => png(input)));
    expect(together.map((file, index) => file.equals(alone[index] ?? Buffer.alloc(0)))).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('goes on after a chart it refused', async () => {
    const tooMany = Array.from({ length: 26 }, () => ({ label: 'x', count: 0 }));
    const refused = renderer.renderResultsChart({ ...BASE, options: tooMany });
    const next = png(BASE);
    await expect(refused).rejects.toThrow(RangeError);
    expect(image(await next).width).toBe(CHART_LIMITS.width);
  });
});

describe('layout', () => {
  it.each(THEMES)(
    '25 options of 80 wide characters and a 300-character question fit (%s)',
    async (theme) => {
      const input = worstCase(theme);
      const chart = await renderer.renderResultsChart(input);
      const { width, height, data } = image(chart.png);
      expect([width, height]).toEqual([chart.width, chart.height]);
      expect(width).toBe(CHART_LIMITS.width);
      expect(height).toBeLessThanOrEqual(CHART_LIMITS.maxHeight);
      // Nothing reaches the side margins: text that overflowed would show there.
      const card = rgb(PALETTES[theme].card);
      const marks: string[] = [];
      for (let y = 14; y < height - 14; y += 1) {
        for (const x of [...range(3, 16), ...range(width - 16, width - 3)]) {
          const at = 4 * (y * width + x);
          if (card.some((value, channel) => data[at + channel] !== value)) marks.push(`${x},${y}`);
        }
      }
      expect(marks).toEqual([]);
      // Every label and the title are cut to fit, with an ellipsis.
      const { svg } = barChartSvg(input, font);
      expect(svg.match(/…<\/text>/g)?.length).toBe(CHART_LIMITS.maxOptions + 1);
    },
  );

  it('stays a picture Discord shows well, whatever the number of options', async () => {
    let previous = 0;
    for (let count = 0; count <= CHART_LIMITS.maxOptions; count += 1) {
      const { width, height } = barChartSvg(
        { ...BASE, options: Array.from({ length: count }, () => ({ label: 'Dune', count: 1 })) },
        font,
      );
      expect(width).toBe(800);
      expect(height).toBeGreaterThan(previous);
      expect(height).toBeLessThanOrEqual(CHART_LIMITS.maxHeight);
      previous = height;
    }
    expect(CHART_LIMITS.maxHeight).toBeLessThanOrEqual(1300);
    expect((await renderer.renderResultsChart(worstCase('dark'))).png.length).toBeLessThan(
      1024 * 1024,
    );
  });

  it('draws zero voters without dividing by zero', async () => {
    const input: ChartInput = {
      ...BASE,
      options: BASE.options.map((option) => ({ ...option, count: 0 })),
      voters: 0,
    };
    const { svg } = barChartSvg(input, font);
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(svg).toContain('0 · 0 %');
    expect(svg).toContain('0 votant · Résultats provisoires');
    expect(image(await png(input)).height).toBeGreaterThan(0);
  });

  it('gives bars the share of voters, percentages rounded to whole percent', () => {
    const { svg } = barChartSvg(
      {
        ...BASE,
        options: [
          { label: 'a', count: 1 },
          { label: 'b', count: 2 },
        ],
        voters: 3,
        locale: 'en',
      },
      font,
    );
    expect(svg).toContain('1 · 33%');
    expect(svg).toContain('2 · 67%');
    expect(svg).toContain('3 voters · Results so far');
  });

  it('refuses what no poll can be: 26 options, negative or fractional counts', () => {
    const options = Array.from({ length: 26 }, () => ({ label: 'x', count: 0 }));
    expect(() => barChartSvg({ ...BASE, options }, font)).toThrow(RangeError);
    expect(() => barChartSvg({ ...BASE, voters: -1 }, font)).toThrow(RangeError);
    expect(() => barChartSvg(withLabel('x', { ...BASE, voters: 1.5 }), font)).toThrow(RangeError);
  });

  it('wraps the question at spaces, cuts words longer than a line, ellipsises the last line', () => {
    expect(wrapLines('Dune ou Solaris', 1000, 20, 3, font.metrics)).toEqual(['Dune ou Solaris']);
    const lines = wrapLines('Dune '.repeat(100), 300, 20, 3, font.metrics);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Dune Dune/);
    expect(lines[2]).toMatch(/…$/);
    const long = wrapLines('W'.repeat(60), 300, 20, 3, font.metrics);
    expect(long.join('').replace('…', '')).toBe('W'.repeat(long.join('').length - 1));
    expect(wrapLines('   ', 300, 20, 3, font.metrics)).toEqual([]);
  });
});

describe('colours', () => {
  /** WCAG 2 contrast ratio. */
  function contrast(a: string, b: string): number {
    const luminance = (hex: string) => {
      const [r, g, b] = rgb(hex).map((value) => {
        const channel = value / 255;
        return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (light + 0.05) / (dark + 0.05);
  }

  it.each(THEMES)(
    '%s card: text AA on the card, bars 3:1 on the card and on their track',
    (theme) => {
      const palette = PALETTES[theme];
      expect(contrast(palette.text, palette.card)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(palette.muted, palette.card)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(palette.bar, palette.card)).toBeGreaterThanOrEqual(3);
      expect(contrast(palette.bar, palette.track)).toBeGreaterThanOrEqual(3);
    },
  );

  it('draws each card on its own opaque background (corners aside)', async () => {
    for (const theme of THEMES) {
      const { data, width, height } = image(await png({ ...BASE, theme }));
      const middle = 4 * (Math.floor(height / 2) * width + width - 10);
      expect([...data.slice(middle, middle + 4)]).toEqual([...rgb(PALETTES[theme].card), 255]);
    }
  });
});

describe('font', () => {
  it('reads which characters DejaVu Sans draws and how wide', () => {
    const { metrics } = font;
    expect(metrics.unitsPerEm).toBe(2048);
    for (const char of 'Aéà«»’…') expect(metrics.advances.has(char.codePointAt(0) ?? 0)).toBe(true);
    for (const char of ['✅', '🇫']) {
      expect(metrics.advances.has(char.codePointAt(0) ?? 0)).toBe(false);
    }
    expect(textWidth('WW', 10, metrics)).toBeCloseTo(2 * textWidth('W', 10, metrics));
    expect(textWidth('W', 10, metrics)).toBeGreaterThan(textWidth('i', 10, metrics));
  });

  it('cuts the font down to the characters drawn, same widths, composites included', () => {
    const subset = parseTrueType(subsetFont(font.metrics, 'Dune é «»'));
    expect([...subset.advances.keys()].sort((a, b) => a - b)).toEqual(
      [...new Set('Dune é «»')]
        .map((char) => char.codePointAt(0))
        .sort((a, b) => (a ?? 0) - (b ?? 0)),
    );
    for (const [codePoint, advance] of subset.advances) {
      expect(advance).toBe(font.metrics.advances.get(codePoint));
    }
    expect(subset.glyphCount).toBeLessThan(20);
  });

  it('refuses a file that is not a TrueType font', async () => {
    const notAFont = await readFile('package.json');
    expect(() => parseTrueType(notAFont)).toThrow(/TrueType/);
    expect(() => loadChartFont('package.json')).toThrow(/TrueType/);
  });

  it('will not render charts without text: no font, or a broken file', async () => {
    const { family } = font;
    await expect(createSvgToPng({ family, fileFor: () => undefined })).rejects.toThrow(
      ChartFontError,
    );
    await expect(
      createSvgToPng({ family, fileFor: () => new Uint8Array([0, 1, 0, 0, 9, 9, 9]) }),
    ).rejects.toThrow(ChartFontError);
    const real = (characters: string) => subsetFont(font.metrics, characters);
    await expect(createSvgToPng({ family, fileFor: real })).resolves.toBeTypeOf('function');
  });
});

describe('description for screen readers', () => {
  it('says the question, whether results are final, voters and each option, in French', () => {
    expect(
      describeChart({
        ...BASE,
        options: [
          { label: 'Dune', count: 2 },
          { label: 'Solaris', count: 1 },
          { label: 'Fondation', count: 0 },
        ],
        voters: 3,
        closed: true,
      }),
    ).toBe(
      'Diagramme en barres des résultats finaux du sondage « Que lit-on ensuite ? ». 3 votants. ' +
        '1. Dune : 2 votes (67 %). 2. Solaris : 1 vote (33 %). 3. Fondation : 0 vote (0 %).',
    );
  });

  it('and in English, with English plurals', () => {
    expect(
      describeChart({
        ...BASE,
        question: 'What next?',
        options: [
          { label: 'Dune', count: 1 },
          { label: 'Solaris', count: 0 },
        ],
        voters: 1,
        locale: 'en',
      }),
    ).toBe(
      'Bar chart of the results so far of the poll “What next?”. 1 voter. ' +
        '1. Dune: 1 vote (100%). 2. Solaris: 0 votes (0%).',
    );
    expect(describeChart({ ...BASE, options: [], voters: 0, locale: 'en' })).toContain('0 voters.');
    expect(describeChart({ ...BASE, options: [], voters: 0 })).toContain('0 votant.');
  });

  it('counts with each language’s plural rules, a million in French included', () => {
    expect([0, 1, 2, 1_000_000].map((count) => pluralForm('fr', count))).toEqual([
      'one',
      'one',
      'other',
      'other',
    ]);
    expect([0, 1, 2].map((count) => pluralForm('en', count))).toEqual(['other', 'one', 'other']);
  });

  it('keeps what members typed as typed: emoji, markup characters', () => {
    const text = describeChart(withLabel('<b>✅ « Dune »</b> & 🇫🇷'));
    expect(text).toContain('1. <b>✅ « Dune »</b> & 🇫🇷 : 3 votes');
  });

  it('fits 1,024 characters, labels clipped as little as needed', () => {
    const options = Array.from({ length: 20 }, (_, index) => ({
      label: `${index + 1} ${'x'.repeat(POLL_LIMITS.optionLength)}`,
      count: index,
    }));
    const text = describeChart({ ...BASE, options, voters: 40 });
    expect(text.length).toBeLessThanOrEqual(DESCRIPTION_LIMIT);
    expect(text.length).toBeGreaterThan(DESCRIPTION_LIMIT - 40);
    for (const index of options.keys()) expect(text).toContain(` ${index + 1}. ${index + 1} x`);
    expect(text).toContain('« Que lit-on ensuite ? »');
  });

  it('shortens a long question before it clips any label', () => {
    const options = Array.from({ length: 15 }, (_, index) => ({
      label: `Option ${index + 1} `.padEnd(30, 'x'),
      count: 1,
    }));
    const text = describeChart({ ...BASE, question: 'Q'.repeat(300), options, voters: 15 });
    expect(text.length).toBeLessThanOrEqual(DESCRIPTION_LIMIT);
    expect(text).toContain(`« ${'Q'.repeat(119)}… »`);
    for (const option of options) expect(text).toContain(` ${option.label} : 1 vote (7 %).`);
  });

  it('in the worst case, names as many options as fit and counts the others', () => {
    const text = describeChart(worstCase('dark'));
    expect(text.length).toBeLessThanOrEqual(DESCRIPTION_LIMIT);
    expect(text).toMatch(/Et \d+ autres? options?\.$/);
  });

  it('never cuts inside an emoji', () => {
    const family = '👨‍👩‍👧';
    const text = describeChart({
      ...BASE,
      question: family.repeat(60),
      options: Array.from({ length: 25 }, () => ({ label: family.repeat(20), count: 1 })),
      voters: 1,
    });
    expect(text.length).toBeLessThanOrEqual(DESCRIPTION_LIMIT);
    const emojiRuns = text.match(/(?:👨‍👩‍👧)+…/g) ?? [];
    expect(emojiRuns.length).toBeGreaterThan(0);
    expect(text).not.toMatch(
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
    );
    expect(text).not.toMatch(/\u200d…|[👨👩]…/u);
  });
});

describe('random input', () => {
  const input = fc.record({
    question: hostileString(POLL_LIMITS.questionLength),
    options: fc.array(
      fc.record({ label: hostileString(POLL_LIMITS.optionLength), count: fc.nat(10_000) }),
      { maxLength: CHART_LIMITS.maxOptions },
    ),
    voters: fc.nat(10_000),
    closed: fc.boolean(),
    locale: fc.constantFrom('fr' as const, 'en' as const),
    theme: fc.constantFrom(...THEMES),
  });

  it('always gives a valid PNG of the announced size and a description within limits', async () => {
    await fc.assert(
      fc.asyncProperty(input, async (chartInput) => {
        const chart = await renderer.renderResultsChart(chartInput);
        const decoded = image(chart.png);
        expect([decoded.width, decoded.height]).toEqual([chart.width, chart.height]);
        expect(chart.height).toBeLessThanOrEqual(CHART_LIMITS.maxHeight);
        expect(chart.description.length).toBeLessThanOrEqual(DESCRIPTION_LIMIT);
        expect(chart.description.trim()).not.toBe('');
      }),
      { numRuns: 40 },
    );
  });

  it('lays text out within the width it is given, with only characters the font draws', () => {
    fc.assert(
      fc.property(
        hostileString(POLL_LIMITS.questionLength),
        fc.integer({ min: 40, max: 800 }),
        fc.integer({ min: 8, max: 30 }),
        fc.integer({ min: 1, max: 4 }),
        (text, width, size, maxLines) => {
          const line = fitLine(text, width, size, font.metrics);
          expect(textWidth(line, size, font.metrics)).toBeLessThanOrEqual(width + 1e-9);
          const lines = wrapLines(text, width, size, maxLines, font.metrics);
          expect(lines.length).toBeLessThanOrEqual(maxLines);
          for (const wrapped of lines) {
            expect(textWidth(wrapped, size, font.metrics)).toBeLessThanOrEqual(width + 1e-9);
          }
          for (const char of drawableText(text, font.metrics)) {
            expect(font.metrics.advances.has(char.codePointAt(0) ?? 0)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('from the esbuild bundle', () => {
  it('loads resvg and finds the font from dist/, as dist/main.js would', async () => {
    const bundle = 'dist/charts-smoke.js';
    await buildEntry('tests/support/charts-smoke.ts', bundle);
    // The native binding stays in node_modules: esbuild cannot bundle a .node file.
    expect(await readFile(bundle, 'utf8')).toMatch(/from "@resvg\/resvg-js"/);
    const { stdout } = await promisify(execFile)(process.execPath, [resolve(bundle)], {
      cwd: '/',
    });
    const result = JSON.parse(stdout) as { signature: string; bytes: number; height: number };
    expect(result.signature).toBe('89504e470d0a1a0a');
    expect(result.bytes).toBeGreaterThan(1000);
    expect(result.height).toBeGreaterThan(100);
  });
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, index) => from + index);
}

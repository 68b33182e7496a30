import { barChartSvg, type ChartInput } from './bar-chart';
import { describeChart } from './describe-chart';
import { loadChartFont, type ChartFont } from './font';
import { createSvgToPng } from './render-png';
import { subsetFont } from './ttf-subset';

export interface ResultsChart {
  readonly png: Buffer;
  /** For the attachment's `description`, read by screen readers (at most 1,024 characters). */
  readonly description: string;
  readonly width: number;
  readonly height: number;
}

export interface ChartRenderer {
  renderResultsChart(input: ChartInput): Promise<ResultsChart>;
}

/**
 * Built once (it reads and checks the font, ~30 ms); rejects with `ChartFontError` if the font
 * would draw no text. Charts are drawn one at a time: drawing and compressing take a thread of
 * libuv's pool (4 by default), which node-sqlite3's statements need too, and one picture's
 * pixels (up to 4 MiB) are held at a time.
 */
export async function createChartRenderer(
  font: ChartFont = loadChartFont(),
): Promise<ChartRenderer> {
  const toPng = await createSvgToPng({
    family: font.family,
    fileFor: (characters) => subsetFont(font.metrics, characters),
  });
  let previous: Promise<unknown> = Promise.resolve();
  return {
    renderResultsChart(input) {
      const chart = previous.then(async () => {
        const { svg, characters, width, height } = barChartSvg(input, font);
        const png = await toPng(svg, characters);
        return { png, description: describeChart(input), width, height };
      });
      previous = chart.catch(() => undefined);
      return chart;
    },
  };
}

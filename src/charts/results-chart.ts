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
  renderResultsChart(input: ChartInput): ResultsChart;
}

/**
 * Built once (it reads and checks the font, ~30 ms), then renders charts synchronously. Throws
 * `ChartFontError` at once if the font would draw no text.
 */
export function createChartRenderer(font: ChartFont = loadChartFont()): ChartRenderer {
  const toPng = createSvgToPng({
    family: font.family,
    fileFor: (characters) => subsetFont(font.metrics, characters),
  });
  return {
    renderResultsChart(input) {
      const { svg, characters, width, height } = barChartSvg(input, font);
      return { png: toPng(svg, characters), description: describeChart(input), width, height };
    },
  };
}

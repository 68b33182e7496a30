import { createChartRenderer } from '../../src/charts/results-chart';

/**
 * Bundled by `tests/unit/charts.test.ts` into `dist/`, beside `dist/main.js`, and run with plain
 * Node: resvg's native binding and the font file must load from there as they do from the sources.
 */
const renderer = await createChartRenderer();
const chart = await renderer.renderResultsChart({
  question: 'Que lit-on ensuite ?',
  options: [
    { label: 'Dune', count: 2 },
    { label: 'Solaris', count: 1 },
  ],
  voters: 3,
  locale: 'fr',
  theme: 'dark',
});
process.stdout.write(
  JSON.stringify({
    signature: chart.png.subarray(0, 8).toString('hex'),
    bytes: chart.png.length,
    width: chart.width,
    height: chart.height,
  }),
);

import { lineChartSvg } from './chart.js';
import { SCALING_MEASURES, type ScalingCell } from './scaling.js';

/** The scaling curve: one line per measure, credential counts on a log axis. */
export function scalingChartSvg(cells: readonly ScalingCell[], machine: string): string {
  return lineChartSvg({
    title: 'Cost per request as credentials pile up',
    description:
      `Mean milliseconds per HTTP request, one at a time, with ${cells.map((c) => c.credentials).join(', ')} ` +
      `credentials of one issuer and learner stored: ${SCALING_MEASURES.map((m) => m.name).join(', ')}. ` +
      `Measured by npm run bench on ${machine}, shared with other work.`,
    xLabel: 'credentials stored (log scale)',
    yLabel: 'mean ms per request',
    series: SCALING_MEASURES.map(({ key, name }) => ({
      name,
      points: cells.map((cell) => ({ x: cell.credentials, y: cell[key] })),
    })),
  });
}

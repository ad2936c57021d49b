import { describe, expect, it } from 'vitest';
import { lineChartSvg, shortCount } from '../bench/chart.js';

const chart = lineChartSvg({
  title: 'Cost as credentials pile up',
  description: 'Mean milliseconds per request at 1k, 10k and 100k credentials.',
  xLabel: 'credentials stored (log scale)',
  yLabel: 'ms per request',
  series: [
    {
      name: 'list fetch',
      points: [
        { x: 1000, y: 2 },
        { x: 10000, y: 4 },
        { x: 100000, y: 8 },
      ],
    },
    {
      name: 'verify <DI> & co',
      points: [
        { x: 100000, y: 10 },
        { x: 1000, y: 5 },
        { x: 10000, y: 0 },
      ],
    },
  ],
});

/** Circles in the order drawn: each series' points left to right. */
function circles(svg: string): { cx: number; cy: number }[] {
  return [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((match) => ({
    cx: Number(match[1]),
    cy: Number(match[2]),
  }));
}

describe('the scaling chart', () => {
  it('places credential counts on a log scale: each tenfold step is the same distance', () => {
    const [a, b, c] = circles(chart);
    expect(b!.cx - a!.cx).toBeGreaterThan(100);
    expect(c!.cx - b!.cx).toBeCloseTo(b!.cx - a!.cx, 1);
  });

  it('places values proportionally from a zero baseline', () => {
    const [fetch1k, fetch10k, fetch100k, verify1k, verify10k, verify100k] = circles(chart);
    const zero = verify10k!.cy;
    const height = (point: { cy: number }) => zero - point.cy;
    expect(height(fetch10k!)).toBeCloseTo(2 * height(fetch1k!), 1);
    expect(height(fetch100k!)).toBeCloseTo(4 * height(fetch1k!), 1);
    expect(height(verify100k!)).toBeCloseTo(2 * height(verify1k!), 1);
    expect(height(verify100k!)).toBeCloseTo(5 * height(fetch1k!), 1);
    // Points of both series at the same count share an x.
    expect(verify1k!.cx).toBe(fetch1k!.cx);
  });

  it('labels the axes, the counts and every series, with an accessible title and description', () => {
    expect(chart).toContain('<title id="chart-title">Cost as credentials pile up</title>');
    expect(chart).toContain('<desc id="chart-desc">Mean milliseconds per request at 1k');
    expect(chart).toContain('credentials stored (log scale)</text>');
    expect(chart).toContain('ms per request</text>');
    for (const tick of ['1k', '10k', '100k']) expect(chart).toContain(`>${tick}</text>`);
    expect(chart).toContain('>list fetch</text>');
    expect(chart).toContain('>verify &lt;DI&gt; &amp; co</text>');
    expect(chart).not.toContain('<DI>');
  });

  it('writes counts the short way', () => {
    expect([999, 1000, 10000, 100000, 2_500_000].map(shortCount)).toEqual([
      '999',
      '1k',
      '10k',
      '100k',
      '2.5M',
    ]);
  });
});

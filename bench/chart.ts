// A line chart as SVG text, pure: the bench draws its scaling curve with it. The x axis is
// logarithmic (credential counts grow by tens), the y axis linear from zero, so a flat line means
// a cost that does not grow with the data.

export interface Point {
  x: number;
  y: number;
}

export interface Series {
  name: string;
  points: readonly Point[];
}

export interface LineChart {
  title: string;
  description: string;
  xLabel: string;
  yLabel: string;
  series: readonly Series[];
}

const WIDTH = 720;
const HEIGHT = 420;
const PLOT = { left: 70, top: 50, right: 520, bottom: 350 };
const COLOURS = ['#1b6ac9', '#c0392b', '#1e8449', '#8e44ad', '#d35400', '#2c3e50', '#b7950b'];
const Y_TICKS = 5;

function escape(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** 1000 → "1k", 100000 → "100k", 2500000 → "2.5M". */
export function shortCount(value: number): string {
  if (value >= 1_000_000) return `${+(value / 1_000_000).toFixed(1)}M`;
  if (value >= 1_000) return `${+(value / 1_000).toFixed(1)}k`;
  return String(value);
}

/** The smallest 1, 2 or 5 times a power of ten at or above `value`, so tick labels stay round. */
function roundUp(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * power >= value) ?? 10;
  return step * power;
}

function format(value: number): string {
  return String(+value.toFixed(2));
}

export function lineChartSvg(chart: LineChart): string {
  const points = chart.series.flatMap((series) => series.points);
  const xs = points.map((point) => point.x).filter((x) => x > 0);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const maxY = roundUp(Math.max(0, ...points.map((point) => point.y)));
  const plotWidth = PLOT.right - PLOT.left;
  const plotHeight = PLOT.bottom - PLOT.top;
  const logSpan = Math.log10(maxX) - Math.log10(minX);
  const xOf = (x: number) =>
    logSpan === 0
      ? PLOT.left + plotWidth / 2
      : PLOT.left + ((Math.log10(x) - Math.log10(minX)) / logSpan) * plotWidth;
  const yOf = (y: number) => PLOT.bottom - (y / maxY) * plotHeight;

  const xTicks = [...new Set(xs)].sort((a, b) => a - b);
  const yTicks = Array.from({ length: Y_TICKS + 1 }, (_, i) => (maxY * i) / Y_TICKS);
  const svg: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="chart-title chart-desc" font-family="sans-serif" font-size="12">`,
    `<title id="chart-title">${escape(chart.title)}</title>`,
    `<desc id="chart-desc">${escape(chart.description)}</desc>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${escape(chart.title)}</text>`,
  ];
  for (const tick of yTicks) {
    const y = format(yOf(tick));
    svg.push(
      `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${y}" y2="${y}" stroke="#e3e3e3"/>`,
      `<text x="${PLOT.left - 8}" y="${y}" text-anchor="end" dominant-baseline="middle">${format(tick)}</text>`,
    );
  }
  for (const tick of xTicks) {
    const x = format(xOf(tick));
    svg.push(
      `<line x1="${x}" x2="${x}" y1="${PLOT.top}" y2="${PLOT.bottom}" stroke="#e3e3e3"/>`,
      `<text x="${x}" y="${PLOT.bottom + 18}" text-anchor="middle">${shortCount(tick)}</text>`,
    );
  }
  svg.push(
    `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${PLOT.bottom}" y2="${PLOT.bottom}" stroke="#333"/>`,
    `<line x1="${PLOT.left}" x2="${PLOT.left}" y1="${PLOT.top}" y2="${PLOT.bottom}" stroke="#333"/>`,
    `<text x="${(PLOT.left + PLOT.right) / 2}" y="${PLOT.bottom + 40}" text-anchor="middle">${escape(chart.xLabel)}</text>`,
    `<text transform="translate(18 ${(PLOT.top + PLOT.bottom) / 2}) rotate(-90)" text-anchor="middle">${escape(chart.yLabel)}</text>`,
  );
  chart.series.forEach((series, i) => {
    const colour = COLOURS[i % COLOURS.length] ?? '#000';
    const placed = [...series.points]
      .sort((a, b) => a.x - b.x)
      .map((point) => ({ point, x: format(xOf(point.x)), y: format(yOf(point.y)) }));
    svg.push(
      `<g class="series"><title>${escape(series.name)}</title>`,
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${placed.map((p) => `${p.x},${p.y}`).join(' ')}"/>`,
      ...placed.map(
        (p) =>
          `<circle cx="${p.x}" cy="${p.y}" r="3.5" fill="${colour}"><title>${escape(series.name)}: ${format(p.point.y)} at ${shortCount(p.point.x)}</title></circle>`,
      ),
      `</g>`,
    );
    const legendY = PLOT.top + 10 + i * 22;
    svg.push(
      `<line x1="${PLOT.right + 20}" x2="${PLOT.right + 44}" y1="${legendY}" y2="${legendY}" stroke="${colour}" stroke-width="3"/>`,
      `<text x="${PLOT.right + 52}" y="${legendY}" dominant-baseline="middle">${escape(series.name)}</text>`,
    );
  });
  svg.push('</svg>');
  return `${svg.join('\n')}\n`;
}

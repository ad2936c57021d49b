// Charts drawn on the server as inline SVG, so a page needs no chart library and shows them
// without JavaScript. Each is an image with a title and a one-line summary for screen readers;
// the page puts the same numbers in a table beside it. Series differ by line pattern as well as
// colour, so nothing depends on telling colours apart.
import { html, type SafeHtml } from '../html.js';

export interface Bar {
  label: string;
  value: number;
}

export interface BarChartInput extends ChartText {
  bars: readonly Bar[];
  /** How a value is written (the page language's digits and separators). */
  format: (value: number) => string;
}

// Narrow enough that, scaled to a phone's width, the 15-unit labels stay about 13 px high.
const WIDTH = 400;
const BAR_ROW = 46;
const BAR_HEIGHT = 18;
const LABEL_SPACE = 64;

/** The bar's share of the longest one; a chart of zeros draws empty tracks. */
const share = (value: number, max: number): number => (max === 0 ? 0 : value / max);

interface ChartText {
  /** Unique on the page: the title and summary are found by id. */
  id: string;
  title: string;
  summary: string;
}

/** The image around a chart's drawing: its title and summary are what a screen reader says. */
function chartFrame(text: ChartText, height: number, drawing: SafeHtml): SafeHtml {
  return html`<svg
    class="chart"
    viewBox="0 0 ${WIDTH} ${height}"
    role="img"
    aria-labelledby="${text.id}-title ${text.id}-summary"
  >
    <title id="${text.id}-title">${text.title}</title>
    <desc id="${text.id}-summary">${text.summary}</desc>
    ${drawing}
  </svg>`;
}

/** Horizontal bars, each with its label above and its value at its end. */
export function barChart(input: BarChartInput): SafeHtml {
  const max = Math.max(0, ...input.bars.map((bar) => bar.value));
  const height = Math.max(1, input.bars.length) * BAR_ROW + 8;
  const track = WIDTH - LABEL_SPACE;
  return chartFrame(
    input,
    height,
    html`
      ${input.bars.map((bar, index) => {
        const top = index * BAR_ROW + 4;
        const length = Math.round(share(bar.value, max) * track);
        return html`<g>
          <text class="chart-label" x="0" y="${top + 14}">${bar.label}</text>
          <rect class="chart-track" x="0" y="${top + 20}" width="${track}" height="${BAR_HEIGHT}" />
          <rect class="chart-bar" x="0" y="${top + 20}" width="${length}" height="${BAR_HEIGHT}" />
          <text class="chart-value" x="${length + 6}" y="${top + 34}"
            >${input.format(bar.value)}</text
          >
        </g>`;
      })}
    `,
  );
}

export interface LineSeries {
  name: string;
  values: readonly number[];
}

export interface LineChartInput extends ChartText {
  /** The x axis: one label per value, in order (days). */
  points: readonly string[];
  /** At most three: each gets its own line pattern. */
  series: readonly LineSeries[];
  format: (value: number) => string;
}

const LEGEND_ROW = 22;
const PLOT = { left: 40, right: 12, bottom: 36, height: 180 };
/** A series this short gets a mark on each point: one day alone draws no line. */
const MARKED_POINTS = 31;
const LINE_PATTERNS = ['', '8 5', '2 4'] as const;

/** The x axis labels a chart shows: the first, the middle and the last point. */
function axisLabels(points: readonly string[]): Array<{ index: number; label: string }> {
  const last = points.length - 1;
  const chosen = [...new Set([0, Math.floor(last / 2), last])].filter((index) => index >= 0);
  return chosen.map((index) => ({ index, label: points[index] ?? '' }));
}

/** Lines over the points, with a legend above, the largest value and 0 on the y axis. */
export function lineChart(input: LineChartInput): SafeHtml {
  const top = input.series.length * LEGEND_ROW + 18;
  const height = top + PLOT.height + PLOT.bottom;
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const max = Math.max(0, ...input.series.flatMap((series) => series.values));
  const step = input.points.length > 1 ? plotWidth / (input.points.length - 1) : 0;
  const x = (index: number): number => Math.round(PLOT.left + index * step);
  const y = (value: number): number =>
    Math.round(top + PLOT.height - share(value, max) * PLOT.height);
  const bottom = top + PLOT.height;
  return chartFrame(
    input,
    height,
    html`
      ${input.series.map((series, index) => {
        const line = 12 + index * LEGEND_ROW;
        return html`<g class="chart-series-${index}">
          <line
            class="chart-line"
            x1="0"
            y1="${line}"
            x2="28"
            y2="${line}"
            stroke-dasharray="${LINE_PATTERNS[index] ?? ''}"
          />
          <text class="chart-label" x="36" y="${line + 5}">${series.name}</text>
        </g>`;
      })}
      <line
        class="chart-axis"
        x1="${PLOT.left}"
        y1="${bottom}"
        x2="${WIDTH - PLOT.right}"
        y2="${bottom}"
      />
      <line class="chart-axis" x1="${PLOT.left}" y1="${top}" x2="${PLOT.left}" y2="${bottom}" />
      <text class="chart-value" x="${PLOT.left - 6}" y="${top + 5}" text-anchor="end">
        ${input.format(max)}
      </text>
      <text class="chart-value" x="${PLOT.left - 6}" y="${bottom + 5}" text-anchor="end">
        ${input.format(0)}
      </text>
      ${axisLabels(input.points).map(
        ({ index, label }) =>
          html`<text
            class="chart-value"
            x="${x(index)}"
            y="${bottom + 22}"
            text-anchor="${index === 0 ? 'start' : index === input.points.length - 1 ? 'end' : 'middle'}"
          >
            ${label}
          </text>`,
      )}
      ${input.series.map(
        (series, index) =>
          html`<polyline
              class="chart-line chart-series-${index}"
              points="${series.values.map((value, at) => `${x(at)},${y(value)}`).join(' ')}"
              stroke-dasharray="${LINE_PATTERNS[index] ?? ''}"
            />
            ${
              input.points.length <= MARKED_POINTS
                ? series.values.map(
                    (value, at) =>
                      html`<circle
                        class="chart-mark chart-series-${index}"
                        cx="${x(at)}"
                        cy="${y(value)}"
                        r="${4 - index}"
                      />`,
                  )
                : ''
            }`,
      )}
    `,
  );
}

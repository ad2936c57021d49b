// The bench's tables as Markdown, built from what results.json holds, to paste into README.
import { CONCURRENCY, type LoadRow } from './httpLoad.js';
import { SCALING_MEASURES, type ScalingCell } from './scaling.js';
import { shortCount } from './chart.js';
import type { Row } from './table.js';

function table(header: readonly string[], lines: readonly (readonly string[])[]): string {
  const all = [header, ...lines];
  const widths = header.map((_, i) => Math.max(3, ...all.map((line) => line[i]?.length ?? 0)));
  const format = (line: readonly string[]) =>
    `| ${line.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  return [format(header), rule, ...lines.map(format)].join('\n');
}

const rate = (value: number) => Math.round(value).toLocaleString('en-US');

export function inProcessMarkdown(rows: readonly Row[]): string {
  return table(
    ['in process, one thread', 'ours /s', 'library /s', 'ours / library'],
    rows.map((row) => [
      row.operation,
      rate(row.ours),
      rate(row.direct),
      `${(row.ours / row.direct).toFixed(2)}×`,
    ]),
  );
}

export function httpMarkdown(rows: readonly LoadRow[]): string {
  const names = [...new Set(rows.map((row) => row.endpoint))];
  return table(
    ['HTTP, 2xx/s (p99 ms)', ...CONCURRENCY.map((c) => `c=${c}`)],
    names.map((name) => [
      name,
      ...CONCURRENCY.map((connections) => {
        const row = rows.find((r) => r.endpoint === name && r.connections === connections);
        if (!row) return '-';
        const failed = row.non2xx > 0 ? `, ${row.non2xx} non-2xx` : '';
        return `${rate(row.perSecond)} (${row.p99Ms}${failed})`;
      }),
    ]),
  );
}

export function scalingMarkdown(cells: readonly ScalingCell[]): string {
  return table(
    ['mean ms per request', ...cells.map((cell) => shortCount(cell.credentials))],
    SCALING_MEASURES.map(({ key, name }) => [name, ...cells.map((cell) => cell[key].toFixed(1))]),
  );
}

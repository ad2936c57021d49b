export interface Row {
  operation: string;
  ours: number;
  direct: number;
}

const HEADER = ['operation', 'ours ops/s', 'direct ops/s', 'ratio ours/direct'];

function cells(row: Row): string[] {
  return [
    row.operation,
    row.ours.toFixed(1),
    row.direct.toFixed(1),
    (row.ours / row.direct).toFixed(2),
  ];
}

/** A plain fixed-width table: first column left-aligned, numbers right-aligned. */
export function formatTable(rows: readonly Row[]): string {
  const lines = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, column) =>
    Math.max(...lines.map((line) => line[column]?.length ?? 0)),
  );
  const format = (line: string[]): string =>
    line
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [format(HEADER), rule, ...lines.slice(1).map(format)].join('\n');
}

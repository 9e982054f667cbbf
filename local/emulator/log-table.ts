const CELL_PADDING = 2;

/**
 * A table in DataWORQ's log style (the seed's `+----+` boxes): a centred title, centred headers,
 * left-aligned cells padded by two spaces, `\r\n` line ends.
 */
export function renderLogTable(title: string, headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map(
    (header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)) + 2 * CELL_PADDING,
  );
  const inner = widths.reduce((sum, width) => sum + width, 0) + widths.length - 1;
  const titleWidth = Math.max(inner, title.length + 2 * CELL_PADDING);
  widths[widths.length - 1] = (widths.at(-1) ?? 0) + titleWidth - inner;
  const rule = `+${widths.map((width) => '-'.repeat(width)).join('+')}+`;
  const line = (cells: readonly string[], align: (text: string, width: number) => string): string =>
    `|${widths.map((width, column) => align(cells[column] ?? '', width)).join('|')}|`;
  const lines = [
    `+${'-'.repeat(titleWidth)}+`,
    `|${centre(title, titleWidth)}|`,
    rule,
    line(headers, centre),
    rule,
    ...rows.flatMap((row) => [line(row, left), rule]),
  ];
  return lines.map((text) => `${text}\r\n`).join('');
}

function centre(text: string, width: number): string {
  const space = width - text.length;
  const before = Math.floor(space / 2);
  return `${' '.repeat(before)}${text}${' '.repeat(space - before)}`;
}

function left(text: string, width: number): string {
  return `${' '.repeat(CELL_PADDING)}${text}`.padEnd(width);
}

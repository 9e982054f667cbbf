/** Plain-text tables for the terminal: the live view and the CLI's listings. */

/** Left-aligned columns separated by two spaces; cells are single-line, long ones clipped. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], maxCellChars = 60): string[] {
  const clip = (cell: string) => {
    const line = cell.replace(/\s+/g, ' ');
    return line.length > maxCellChars ? `${line.slice(0, maxCellChars - 1)}…` : line;
  };
  const cells = [headers, ...rows].map((row) => row.map(clip));
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => row[column]?.length ?? 0)));
  return cells.map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd());
}

/** `0:07`, `12:30`, `1:02:03`. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/**
 * docs/polling-chart.svg: DataWORQ calls per job and detection lag by job duration, for each
 * strategy, from P1's log-spaced bins. Plain SVG text, no dependencies.
 */
import type { StrategyStats } from './poll-efficiency.ts';
import type { StrategyName } from './poll-sim.ts';

const STYLE: Record<StrategyName, { readonly color: string; readonly label: string }> = {
  'fixed-60s': { color: '#8c8c8c', label: 'fixed 60 s poller (AWS sample)' },
  'perfect-knowledge': { color: '#2da44e', label: 'perfect-knowledge limit (one check at the end)' },
  'ours-age-only': { color: '#d9730d', label: 'ours, age only (no history yet)' },
  'ours-with-history': { color: '#1f6feb', label: 'ours, with DataWORQ history' },
};

interface Panel {
  readonly x: number;
  readonly title: string;
  readonly yMin: number;
  readonly yMax: number;
  readonly yTicks: ReadonlyArray<readonly [number, string]>;
  readonly value: (bin: StrategyStats['bins'][number]) => number;
}

const WIDTH = 960;
const HEIGHT = 460;
const PANEL = { width: 390, height: 290, top: 60 };
const X_RANGE = [10, 8 * 3600] as const;
const X_TICKS: ReadonlyArray<readonly [number, string]> = [[10, '10 s'], [60, '1 min'], [600, '10 min'], [3600, '1 h'], [8 * 3600, '8 h']];

const logScale = (value: number, min: number, max: number, length: number) =>
  (Math.log(Math.max(min, Math.min(max, value))) - Math.log(min)) / (Math.log(max) - Math.log(min)) * length;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function axes(panel: Panel): string[] {
  const { x } = panel;
  const bottom = PANEL.top + PANEL.height;
  const parts = [
    `<text x="${x + PANEL.width / 2}" y="${PANEL.top - 14}" text-anchor="middle" font-weight="600">${escape(panel.title)}</text>`,
    `<rect x="${x}" y="${PANEL.top}" width="${PANEL.width}" height="${PANEL.height}" fill="none" stroke="#bbb"/>`,
    `<text x="${x + PANEL.width / 2}" y="${bottom + 38}" text-anchor="middle">job duration (log scale)</text>`,
  ];
  for (const [value, label] of X_TICKS) {
    const tx = (x + logScale(value, X_RANGE[0], X_RANGE[1], PANEL.width)).toFixed(1);
    parts.push(`<line x1="${tx}" y1="${PANEL.top}" x2="${tx}" y2="${bottom}" stroke="#eee"/>`, `<text x="${tx}" y="${bottom + 18}" text-anchor="middle">${label}</text>`);
  }
  for (const [value, label] of panel.yTicks) {
    const ty = bottom - logScale(value, panel.yMin, panel.yMax, PANEL.height);
    parts.push(`<line x1="${x}" y1="${ty.toFixed(1)}" x2="${x + PANEL.width}" y2="${ty.toFixed(1)}" stroke="#eee"/>`, `<text x="${x - 6}" y="${(ty + 4).toFixed(1)}" text-anchor="end">${label}</text>`);
  }
  return parts;
}

function line(panel: Panel, points: ReadonlyArray<readonly [number, number]>, color: string, dashed = false): string {
  const bottom = PANEL.top + PANEL.height;
  const path = points
    .filter(([, y]) => Number.isFinite(y) && y > 0)
    .map(([px, py], index) => {
      const sx = panel.x + logScale(px, X_RANGE[0], X_RANGE[1], PANEL.width);
      const sy = bottom - logScale(py, panel.yMin, panel.yMax, PANEL.height);
      return `${index === 0 ? 'M' : 'L'}${sx.toFixed(1)},${sy.toFixed(1)}`;
    })
    .join(' ');
  return `<path d="${path}" fill="none" stroke="${color}" stroke-width="2.5"${dashed ? ' stroke-dasharray="6 4"' : ''}/>`;
}

/** The lag the goal allows: max(5 s, 10% of the runtime). */
function lagBound(): Array<[number, number]> {
  return [10, 50, 100, 1000, 10_000, 8 * 3600].map((seconds) => [seconds, Math.max(5, seconds / 10)]);
}

export function pollingChartSvg(strategies: readonly StrategyStats[], caption: string): string {
  const panels: Panel[] = [
    { x: 80, title: 'DataWORQ calls per job', yMin: 1, yMax: 1000, yTicks: [[1, '1'], [10, '10'], [100, '100'], [1000, '1000']], value: (bin) => bin.callsMean },
    { x: 540, title: 'Detection lag, mean per job', yMin: 0.5, yMax: 3600, yTicks: [[1, '1 s'], [10, '10 s'], [60, '1 min'], [600, '10 min'], [3600, '1 h']], value: (bin) => bin.lagMeanSeconds },
  ];
  const parts = [`<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`];
  for (const panel of panels) {
    parts.push(...axes(panel));
    for (const stats of strategies) {
      const points = stats.bins.filter((bin) => bin.jobs > 0).map((bin) => [Math.sqrt(bin.low * Math.min(bin.high, X_RANGE[1])), panel.value(bin)] as const);
      parts.push(line(panel, points, STYLE[stats.strategy].color));
    }
  }
  parts.push(line(panels[1]!, lagBound(), '#222', true));
  const legend = [...strategies.map((stats) => STYLE[stats.strategy]), { color: '#222', label: 'lag goal: max(5 s, 10% of runtime)' }];
  legend.forEach((entry, index) => {
    const lx = 80 + (index % 2) * 460;
    const ly = HEIGHT - 36 + Math.floor(index / 2) * 18;
    parts.push(`<line x1="${lx}" y1="${ly - 4}" x2="${lx + 24}" y2="${ly - 4}" stroke="${entry.color}" stroke-width="2.5"${index === legend.length - 1 ? ' stroke-dasharray="6 4"' : ''}/>`, `<text x="${lx + 30}" y="${ly}">${escape(entry.label)}</text>`);
  });
  parts.push(`<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="14" font-weight="600">${escape(caption)}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="12">\n${parts.join('\n')}\n</svg>\n`;
}

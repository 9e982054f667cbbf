/**
 * The terminal while local mode runs. On a TTY: a small table of active runs under the log,
 * redrawn at most every refreshMs; elsewhere (a pipe, CI, a test): one plain line whenever a
 * run's state, DataWORQ status or step changes. Every other output goes through print(), so log
 * lines and alerts never tear the table. DataWORQ's status and step come from the run records
 * (what the poll loop's last Check saw), never from a call of the view's own: DataWORQ sees only
 * the poll loop's calls.
 */
import type { Clock } from '../../shared/clock.ts';
import type { RunLedger } from '../../shared/ledger/run-ledger.ts';
import type { LocalRun } from './local-executor.ts';
import { RUN_TABLE_HEADERS, rowCells, runRow, type RunRow } from './run-rows.ts';
import { formatTable } from './text-table.ts';

export interface TerminalOutput {
  write(text: string): unknown;
  readonly columns?: number;
}

export interface LiveViewOptions {
  readonly out: TerminalOutput;
  readonly tty: boolean;
  readonly clock: Clock;
  readonly runs: () => readonly LocalRun[];
  /** DataWORQ's status and step of these running runs, by job id (recordedSteps); errors are ignored. */
  readonly steps?: (runIds: readonly string[]) => Promise<ReadonlyMap<string, string>>;
  /** Default 500: at most two redraws a second. */
  readonly refreshMs?: number;
  /** Default 2000. */
  readonly stepEveryMs?: number;
  /** Shown instead of an empty table (and once at start when not on a TTY). */
  readonly idleText?: string;
}

export class LiveView {
  readonly #options: LiveViewOptions;
  #interval: NodeJS.Timeout | undefined;
  #drawnLines = 0;
  #steps: ReadonlyMap<string, string> = new Map();
  #stepsAskedAt = 0;
  #stepsPending = false;
  readonly #reported = new Map<string, string>();

  constructor(options: LiveViewOptions) {
    this.#options = options;
  }

  start(): void {
    const { idleText } = this.#options;
    if (!this.#options.tty && this.#interval === undefined && idleText) this.#options.out.write(`${idleText}\n`);
    this.#interval ??= setInterval(() => this.tick(), this.#options.refreshMs ?? 500);
    this.#interval.unref();
    this.tick();
  }

  /**
   * Stops redrawing. On a TTY the table goes (what follows, the stop report, names the runs);
   * plain output reports the last changes.
   */
  stop(): void {
    clearInterval(this.#interval);
    this.#interval = undefined;
    if (this.#options.tty) this.#erase();
    else this.tick();
  }

  /** Prints a log line or an alert block above the table. */
  print(text: string): void {
    const table = this.#erase();
    this.#options.out.write(text.endsWith('\n') ? text : `${text}\n`);
    if (table) this.#draw();
  }

  /** One refresh: redraw the table (TTY) or print what changed (plain). */
  tick(): void {
    const runs = this.#options.runs();
    const now = this.#options.clock.now();
    this.#lookUpSteps(runs);
    if (this.#options.tty) {
      this.#erase();
      this.#draw(runs, now);
    } else {
      for (const run of runs) this.#reportChange(runRow(run, now, this.#steps), run.state !== 'RUNNING');
    }
  }

  #reportChange(row: RunRow, ended: boolean): void {
    const signature = `${row.state}|${row.dataworq}`;
    if (this.#reported.get(row.runId) === signature) return;
    this.#reported.set(row.runId, signature);
    const verb = ended ? 'ended' : 'run';
    this.#options.out.write(`${this.#options.clock.now().toISOString()} ${verb} ${row.runId} flow=${row.flow} state=${row.state} dataworq=${row.dataworq} elapsed=${row.elapsed}\n`);
  }

  #draw(runs = this.#options.runs(), now = this.#options.clock.now()): void {
    const active = runs.filter((run) => run.state === 'RUNNING');
    const idle = this.#options.idleText === undefined ? [] : [this.#options.idleText];
    const lines = active.length === 0 ? idle : formatTable(RUN_TABLE_HEADERS, active.map((run) => rowCells(runRow(run, now, this.#steps))));
    const width = Math.max(20, (this.#options.out.columns || 120) - 1);
    // Clipped to the terminal's width: a wrapped line would throw off the erase count.
    if (lines.length > 0) this.#options.out.write(`${lines.map((line) => line.slice(0, width)).join('\n')}\n`);
    this.#drawnLines = lines.length;
  }

  /** Removes the table (TTY only); true when there was one to redraw afterwards. */
  #erase(): boolean {
    if (!this.#options.tty || this.#drawnLines === 0) return false;
    this.#options.out.write(`\x1b[${this.#drawnLines}A\r\x1b[J`);
    this.#drawnLines = 0;
    return true;
  }

  #lookUpSteps(runs: readonly LocalRun[]): void {
    const runIds = runs.filter((run) => run.state === 'RUNNING' && run.latest?.jobId && !run.latest.outcome).map((run) => run.runId);
    const due = Date.now() - this.#stepsAskedAt >= (this.#options.stepEveryMs ?? 2000);
    if (!this.#options.steps || runIds.length === 0 || !due || this.#stepsPending) return;
    this.#stepsAskedAt = Date.now();
    this.#stepsPending = true;
    this.#options.steps(runIds).then(
      (steps) => {
        this.#steps = steps;
      },
      () => undefined,
    ).finally(() => {
      this.#stepsPending = false;
    });
  }
}

/** DataWORQ's status and step of these runs as their records tell (the last Check's), keyed by job id. */
export async function recordedSteps(ledger: Pick<RunLedger, 'get'>, runIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
  const records = await Promise.all(runIds.map((runId) => ledger.get(runId)));
  return new Map(
    records.flatMap((record) => (record?.jobId && record.executionStatus ? [[record.jobId, [record.executionStatus, record.currentStep].filter(Boolean).join(' ')] as const] : [])),
  );
}

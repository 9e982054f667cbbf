/**
 * How `dwq backfill` shows its progress: on a terminal one bar, redrawn in place; elsewhere (a
 * pipe, CI, a test) one plain line per start and per end, so a log keeps every step.
 */
import type { BackfillEvent, FireResult } from '../../shared/backfill/backfill.ts';
import type { CliOutput } from './cli-io.ts';

const BAR_WIDTH = 30;

export class BackfillProgress {
  readonly #out: CliOutput;
  readonly #tty: boolean;
  readonly #total: number;
  #running = 0;
  #ended: FireResult[] = [];
  #drawn = false;

  constructor(out: CliOutput, total: number) {
    this.#out = out;
    this.#tty = Boolean(out.isTTY);
    this.#total = total;
  }

  /** A line that must stay (an alert, a log line): printed above the bar. */
  print(text: string): void {
    this.#clear();
    this.#out.write(`${text}\n`);
    this.#draw();
  }

  event(event: BackfillEvent): void {
    if (event.kind === 'started') this.#running += 1;
    else {
      this.#running -= event.result.start === 'refused' ? 0 : 1;
      this.#ended.push(event.result);
    }
    if (this.#tty) this.#draw();
    else this.#out.write(`${lineOf(event)}\n`);
  }

  /** Leaves the bar's last state on its own line. */
  stop(): void {
    if (this.#drawn) this.#out.write('\n');
    this.#drawn = false;
  }

  #draw(): void {
    if (!this.#tty) return;
    const done = this.#ended.length;
    const filled = this.#total === 0 ? BAR_WIDTH : Math.round((done / this.#total) * BAR_WIDTH);
    const count = (bucket: FireResult['bucket']) => this.#ended.filter((result) => result.bucket === bucket).length;
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${done}/${this.#total}`;
    this.#out.write(`\r\u001b[2K${bar}  completed ${count('completed')}  failed ${count('failed')}  skipped ${count('skipped')}  running ${this.#running}`);
    this.#drawn = true;
  }

  #clear(): void {
    if (this.#drawn) this.#out.write('\r\u001b[2K');
  }
}

function lineOf(event: BackfillEvent): string {
  if (event.kind === 'started') {
    return `${event.alreadyStarted ? 'already there' : 'started'}  ${event.fire.logicalTime}  run ${event.fire.runId}`;
  }
  const { result } = event;
  const what = result.outcome ?? (result.bucket === 'unfinished' ? 'UNFINISHED' : 'FAILED');
  const job = result.jobId ? ` (job ${result.jobId})` : '';
  return `${what}  ${result.fire.logicalTime}${job}${result.message ? `: ${result.message}` : ''}`;
}

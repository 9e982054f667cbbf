/** What the live view shows of one run: where it is in the state machine and in DataWORQ. */
import type { LocalRun } from './local-executor.ts';
import { formatElapsed } from './text-table.ts';

export interface RunRow {
  readonly runId: string;
  readonly flow: string;
  /** Our side: SUBMITTING, POLLING, ALERTING, or how the execution ended. */
  readonly state: string;
  /** DataWORQ's side: its status, and the current step when known. */
  readonly dataworq: string;
  readonly elapsed: string;
}

export const RUN_TABLE_HEADERS = ['RUN', 'FLOW', 'STATE', 'DATAWORQ', 'ELAPSED'] as const;

/** `live` maps a jobId to DataWORQ's own words on it (status and step), when someone looked. */
export function runRow(run: LocalRun, now: Date, live: ReadonlyMap<string, string> = new Map()): RunRow {
  const latest = run.latest;
  const status = latest?.job?.executionStatus ?? latest?.poll.lastStatus ?? (latest?.jobId ? 'SUBMITTED' : '-');
  const looked = latest?.jobId && !latest.outcome ? live.get(latest.jobId) : undefined;
  const end = run.stoppedAt ? Date.parse(run.stoppedAt) : now.getTime();
  return {
    runId: run.runId,
    flow: run.input.flow.name,
    state: stateOf(run),
    dataworq: looked ?? status,
    elapsed: formatElapsed(end - Date.parse(run.startedAt)),
  };
}

function stateOf(run: LocalRun): string {
  if (run.state === 'FAILED') return 'FAILED';
  const outcome = run.latest?.outcome;
  if (run.state === 'SUCCEEDED') return outcome ?? 'SUCCEEDED';
  if (run.latest === undefined) return 'SUBMITTING';
  return outcome ? `ALERTING ${outcome}` : `POLLING #${run.latest.poll.iteration}`;
}

export function rowCells(row: RunRow): string[] {
  return [row.runId, row.flow, row.state, row.dataworq, row.elapsed];
}

/** How the operator commands write runs, pauses and endings: one wording for runs, show, trigger, rerun and schedules. */
import type { PauseFlag, RunRecord } from '../../shared/ledger/run-record.ts';
import { durationSecondsOf, type FlowSummary } from '../../shared/operator/run-summary.ts';
import type { RunEnding } from '../../shared/operator/wait-for-run.ts';
import { formatElapsed, formatTable } from '../runtime/text-table.ts';
import { EXIT, exitCodeForRun } from './exit-codes.ts';

/** `2026-03-01 10:00:05Z`: UTC, to the second. */
export function shortTime(iso: string | undefined): string {
  if (iso === undefined || Number.isNaN(Date.parse(iso))) return '-';
  return `${new Date(iso).toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** `demo-load` or `demo-load/nightly`, since, by, why and until. */
export function pauseText(flag: PauseFlag, active = true): string {
  const what = flag.schedule === undefined ? flag.flow : `${flag.flow}/${flag.schedule}`;
  const parts = [`since ${shortTime(flag.since)}`, flag.by ? `by ${flag.by}` : undefined, flag.reason ? `why: ${flag.reason}` : undefined];
  const until = flag.until === undefined ? 'until resumed' : `${active ? 'until' : 'expired'} ${shortTime(flag.until)}`;
  return `${what} paused ${[...parts, until].filter(Boolean).join(', ')}`;
}

export function summaryLines(summary: readonly FlowSummary[]): string[] {
  return formatTable(
    ['FLOW', 'RUNS', 'FAILURES', 'RUNNING', 'MEDIAN'],
    summary.map((flow) => [flow.flow, String(flow.runs), String(flow.failures), String(flow.running), flow.medianDurationSeconds === undefined ? '-' : formatElapsed(flow.medianDurationSeconds * 1000)]),
  );
}

export function runTableLines(runs: readonly RunRecord[]): string[] {
  return formatTable(
    ['SUBMITTED', 'RUN', 'FLOW', 'TRIGGER', 'OUTCOME', 'JOB', 'DURATION'],
    runs.map((run) => {
      const duration = durationSecondsOf(run);
      return [shortTime(run.submittedAt), run.runId, run.flow, run.trigger.kind, outcomeText(run), run.jobId ?? '-', duration === undefined ? '-' : formatElapsed(duration * 1000)];
    }),
    80,
  );
}

/** The outcome, or where a running run is (DataWORQ's status and step). */
export function outcomeText(run: RunRecord): string {
  if (run.outcome !== undefined) return run.outcome;
  return ['RUNNING', run.executionStatus, run.currentStep].filter(Boolean).join(' ');
}

/** The exit code of a run followed to its end (or of the interruption). */
export function exitCodeOfEnding(ending: RunEnding): number {
  if (ending.interrupted) return EXIT.interrupted;
  return exitCodeForRun(ending.report?.state ?? 'FAILED', ending.report?.outcome ?? ending.record?.outcome);
}

export function endingLine(runId: string, ending: RunEnding, exitCode: number): string {
  if (ending.interrupted) return `Stopped following run ${runId}: it goes on (dwq show ${runId} --follow to follow it again); exit code ${exitCode}`;
  const outcome = ending.report?.outcome ?? ending.record?.outcome ?? ending.report?.state ?? 'ended';
  const job = ending.record?.jobId ?? ending.report?.jobId;
  const message = ending.record?.message ?? ending.report?.message;
  return `Run ${runId} ${outcome}${job ? ` (job ${job})` : ''}${message ? `: ${message}` : ''}; exit code ${exitCode}`;
}

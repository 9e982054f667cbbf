/** The one alert after a maintenance window or snooze: what failed while it kept the alerts quiet. */
import type { AlertMessage } from '../alerts/alert-message.ts';
import { noticeAlert } from '../alerts/notice-alert.ts';
import { formatUtc, plural } from '../alerts/time-text.ts';
import { MAX_SUPPRESSED_RUNS, type SuppressedRun } from './maintenance-store.ts';
import type { WindowOpening } from './window.ts';

export function maintenanceSummary(opening: WindowOpening, runs: readonly SuppressedRun[]): AlertMessage {
  const first = runs[0]!;
  const flows = [...new Set(runs.map((run) => run.flow))];
  const lines = runs.map((run) => `  ${run.flow} run ${run.runId}: ${run.outcome} at ${formatUtc(new Date(run.at))}${run.message ? `: ${run.message}` : ''}`);
  const more = runs.length >= MAX_SUPPRESSED_RUNS ? [`(the first ${MAX_SUPPRESSED_RUNS} are listed; dwq runs shows the rest)`] : [];
  const window = `${opening.name} (${formatUtc(new Date(opening.start))} to ${formatUtc(new Date(opening.end))})`;
  return noticeAlert({
    // The first failure's outcome, so subscribers of that outcome hear the summary.
    outcome: first.outcome,
    severity: 'warning',
    flow: first.flow,
    title: `${plural(runs.length, 'failure')} during maintenance ${opening.name}`,
    lines: [
      `Maintenance ${window} is over: ${plural(runs.length, 'run')} of ${flows.join(', ')} failed during it, and alerted no one then.`,
      'Re-run what still matters with dwq run or POST /runs/{runId}/rerun:',
      ...lines,
      ...more,
    ],
    sms: `maintenance ${opening.name} over: ${plural(runs.length, 'failure')} (${flows.join(', ')}), first ${first.outcome}`,
  });
}

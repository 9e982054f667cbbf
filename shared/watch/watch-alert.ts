/**
 * A watch alert: something the watchdog noticed that no run's end reports (a fire that started
 * no run, a run past its expected time, a completion too fast to be real). Rendered through the
 * same formatAlert and channel table as a run's alert, so every channel (email, SMS, and any
 * added later) shows it, and published with the same attributes, so filter policies select it
 * by `outcome`. Later kinds (CONNECTOR_DOWN, CONNECTOR_RECOVERED) are one more kind here.
 */
import type { AlertMessage, AlertSeverity, WatchOutcome } from '../alerts/alert-message.ts';
import { formatEventAlert } from '../alerts/format-alert.ts';
import type { RunFlow, RunState, RunTrigger } from '../model.ts';

/**
 * LATE and SUSPICIOUS name the run they are about: its id, job, when it was submitted and when
 * it ended (ISO 8601), and what started it, as its record says. A MISSED fire has no run.
 */
export interface WatchAlert extends Partial<Pick<RunState, 'runId' | 'jobId' | 'submittedAt' | 'endedAt'>> {
  readonly kind: WatchOutcome;
  readonly flow: string;
  /** The schedule whose fire it is about (MISSED; LATE and SUSPICIOUS of scheduled runs). */
  readonly schedule?: string;
  /** ISO 8601: the fire time (MISSED, and scheduled runs). */
  readonly fireTime?: string;
  readonly trigger?: RunTrigger;
  /** ISO 8601: the moment it happened (the fire's grace ended, the run became late, the run ended). */
  readonly at: string;
  /** One sentence: what happened and what was expected. */
  readonly summary: string;
}

/** MISSED is as urgent as a failure: nothing ran. LATE and SUSPICIOUS ask for a look. */
export const WATCH_SEVERITY: Readonly<Record<WatchOutcome, AlertSeverity>> = {
  MISSED: 'critical',
  LATE: 'warning',
  SUSPICIOUS: 'warning',
};

/**
 * The alert's message. Each watch alert is reported once (the watch memory), so it is always a
 * `new` alert: subscribers who take only the first failure of a streak still receive it.
 */
export function formatWatchAlert(alert: WatchAlert, flow: RunFlow): AlertMessage {
  const fired: RunTrigger | undefined = alert.schedule !== undefined && alert.fireTime !== undefined
    ? { kind: 'schedule', id: `${alert.flow}/${alert.schedule}`, time: alert.fireTime }
    : undefined;
  return formatEventAlert(
    flow,
    alert.trigger ?? fired ?? { kind: 'manual', id: 'watchdog', time: alert.at },
    { outcome: alert.kind, summary: alert.summary, at: alert.at, severity: WATCH_SEVERITY[alert.kind] },
    {
      ...(alert.runId ? { runId: alert.runId } : {}),
      ...(alert.jobId ? { jobId: alert.jobId } : {}),
      ...(alert.submittedAt ? { submittedAt: alert.submittedAt } : {}),
      ...(alert.endedAt ? { endedAt: alert.endedAt } : {}),
    },
  );
}

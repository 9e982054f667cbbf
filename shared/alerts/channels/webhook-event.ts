/**
 * The outbound webhook's event: `{ type, timestamp, data }`, as Standard Webhooks recommends.
 * The type names what happened (`run.failed`, `flow.recovered`); data carries the run's facts,
 * masked and bounded like every other body; a fact that is not known is absent, never null.
 */
import type { AlertDetails } from './alert-details.ts';

/** One event type per alert outcome; the watchdog's MISSED and LATE are about the flow, not a run. */
export const WEBHOOK_EVENT_TYPES: Readonly<Record<string, string>> = {
  COMPLETED: 'run.completed',
  ERROR: 'run.failed',
  TIMED_OUT: 'run.timed_out',
  LOST: 'run.lost',
  SKIPPED: 'run.skipped',
  CANCELLED: 'run.cancelled',
  SUBMIT_FAILED: 'run.submit_failed',
  RECOVERED: 'flow.recovered',
  MISSED: 'flow.missed',
  LATE: 'flow.late',
};

export function webhookEventType(outcome: string): string {
  return WEBHOOK_EVENT_TYPES[outcome] ?? `run.${outcome.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
}

export interface WebhookEvent {
  readonly type: string;
  readonly timestamp: string;
  readonly data: Record<string, unknown>;
}

export function webhookEvent(details: AlertDetails): WebhookEvent {
  const { facts } = details;
  return {
    type: webhookEventType(facts.outcome),
    timestamp: facts.eventAt?.toISOString() ?? details.trigger.time,
    data: {
      flow: details.flow,
      outcome: facts.outcome,
      runOutcome: facts.runOutcome,
      severity: facts.severity,
      summary: details.summary,
      runId: details.runId,
      jobId: facts.jobId ,
      dataworqFlow: details.dataworqFlow,
      runProfile: details.runProfile ,
      trigger: details.trigger,
      startedAt: facts.startedAt?.toISOString() ,
      endedAt: facts.endedAt?.toISOString() ,
      duration: facts.duration ,
      executionStatus: details.executionStatus ,
      step: details.step ,
      error: details.error ,
      logTail: details.logTail,
      logComplete: details.logComplete,
      parameters: details.parameters,
      streak: facts.streak ? { failures: facts.streak.failures, since: facts.streak.sinceText } : undefined,
      recovered: facts.recovered ? { failures: facts.recovered.failures, downFor: facts.recovered.downFor } : undefined,
      consoleUrl: details.consoleUrl ,
    },
  };
}

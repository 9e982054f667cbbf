/**
 * The Notify step: one alert per run. With an alert memory (docs/alert-memory.md) the alert says
 * whether it starts, continues or ends a run of failures, and its `alert` attribute lets each
 * subscription keep repeated failures out; without one every outcome goes out as `new`.
 * A publish failure is thrown (AlertPublishError) so that the state machine retries it and, if
 * it never goes out, fails the execution for the alarm to catch.
 */
import type { AlertKind, AlertMessage } from '../alerts/alert-message.ts';
import { alertPolicyOf, decideAlert, type AlertSend, type DecisionContext } from '../alerts/alert-policy.ts';
import { formatAlert } from '../alerts/format-alert.ts';
import type { AlertPublisher } from '../alerts/publisher.ts';
import { parseTime } from '../alerts/time-text.ts';
import { systemClock, type Clock } from '../clock.ts';
import { InvariantError } from '../errors.ts';
import type { Log } from '../log.ts';
import { describeError, silentLog } from '../log.ts';
import type { AlertMemory } from '../alerts/alert-memory.ts';
import { FAILURE_OUTCOMES, type NotifyInput, type Outcome } from '../model.ts';
import { recordRunEnd, type SubscriberFilter } from '../ledger/engine-records.ts';
import type { RunLedger } from '../ledger/run-ledger.ts';
import { reportRunEnded, type RunMetrics } from '../metrics/run-metrics.ts';
import { connectorFailed, type IncidentStore } from '../incidents/connector-incident.ts';
import type { MaintenanceStore } from '../maintenance/maintenance-store.ts';
import { quietWindowFor, sendDueSummaries, snoozeReadOnce, type QuietDeps } from '../maintenance/quiet-period.ts';
import { attemptOf, retriesAfter } from './retry.ts';

export interface NotifyDeps {
  readonly publisher: AlertPublisher;
  /** The flows' alert memory; absent = no memory, every outcome alerted as before. */
  readonly memory?: AlertMemory;
  /** "Now" for a run that carries no end time. */
  readonly clock?: Clock;
  readonly log?: Log;
  /** Where the alert's reader can open this run (the Step Functions console, in AWS). */
  readonly consoleUrl?: string;
  /** The run ledger: Notify writes the outcome and the alert sent (creating the record if Submit crashed). */
  readonly ledger?: RunLedger;
  /** Subscribers' filter policies, so the record says whose filters the alert matched. */
  readonly subscribers?: readonly SubscriberFilter[];
  /** Where the run's metrics go (CloudWatch EMF in AWS); absent = none. */
  readonly metrics?: RunMetrics;
  /** The connector incident (shared/incidents): a run failed by the connector joins it instead of alerting. */
  readonly incidents?: IncidentStore;
  /** Maintenance windows' records and snoozes (shared/maintenance): failures inside one are recorded, not alerted. */
  readonly maintenance?: MaintenanceStore;
}

export interface NotifyResult {
  readonly outcome: Outcome;
  /** False when the memory kept a repeated failure quiet (published only for every-failure subscribers). */
  readonly alerted: boolean;
  /** The `alert` attribute published; absent when nothing was published. */
  readonly kind?: AlertKind;
  /** The memory's decision; absent without memory (or when it could not be reached). */
  readonly send?: AlertSend;
  readonly messageId?: string;
  readonly subject?: string;
  /** The published message's attributes (what subscriptions' filter policies match). */
  readonly attributes?: AlertMessage['attributes'];
  /** Why no alert went out: `connector incident <id>`, `maintenance window <name> (until ...)`, `snoozed until ...`. */
  readonly suppressed?: string;
  /** Present when the outcome starts another attempt: the state machine's Retry? reads it, NextAttempt merges it into the trigger. */
  readonly retry?: { readonly attempt: number };
  /**
   * With `retry`: the flow's retry delay, which RetryWait waits. Here, not in `$.flow`: after a
   * crashed Submit a schedule's `$.flow` is still only its name (shared/run/scheduled-input.ts).
   */
  readonly retryInSeconds?: number;
}

interface ChosenAlert {
  readonly context: DecisionContext;
  readonly send?: AlertSend;
}

export async function notifyRun(input: NotifyInput, deps: NotifyDeps): Promise<NotifyResult> {
  const log = deps.log ?? silentLog;
  const record = (sent: NotifyResult | undefined) => recordRunEnd(input, sent, { ...deps, log, now: (deps.clock ?? systemClock).now() });
  try {
    const result = await notifyOnce(input, deps);
    // After the publish: a retried Notify (the publish failed) counts its run once.
    reportRunEnded(deps.metrics, input);
    await record(result);
    return result;
  } catch (error) {
    // The alert did not go out (this attempt): the record still gets the outcome.
    await record(undefined);
    throw error;
  }
}

async function notifyOnce(input: NotifyInput, deps: NotifyDeps): Promise<NotifyResult> {
  const log = deps.log ?? silentLog;
  const outcome = input.run.outcome;
  if (outcome === undefined) throw new InvariantError(`run ${input.run.runId} has no outcome yet; Notify runs only after the loop ended`);
  if (input.run.duplicate) {
    // A repeated delivery of a trigger: the execution that claimed it runs the job and alerts.
    log.info('duplicate trigger delivery; no alert', { trigger: input.trigger });
    return { outcome, alerted: false };
  }
  const now = (deps.clock ?? systemClock).now();
  // One read of the flow's snooze for both the summaries and this run's suppression.
  const quiet: QuietDeps = { maintenance: deps.maintenance, publisher: deps.publisher, log, snooze: snoozeReadOnce(deps.maintenance, input.flow.name) };
  await sendDueSummaries(input.flow, now, quiet);
  const attempt = attemptOf(input.trigger);
  const retry = retriesAfter(input.flow, outcome, attempt) ? { retry: { attempt: attempt + 1 }, retryInSeconds: input.flow.retry?.delaySeconds ?? 0 } : {};
  const suppressed = await suppressionOf(input, outcome, now, deps, quiet);
  if (suppressed !== undefined) {
    log.info('alert suppressed', { outcome, suppressed, attempt });
    return { outcome, alerted: false, suppressed, ...retry };
  }
  const { context, send } = retry.retry ? { context: { kind: 'retry' as const }, send: undefined } : await chooseAlert(input, outcome, deps, log);
  const attempts = attempt > 1 || retry.retry ? { attempts: { made: attempt, retrying: retry.retry !== undefined } } : {};
  const message = formatAlert(input, { ...context, ...attempts, ...(deps.consoleUrl ? { consoleUrl: deps.consoleUrl } : {}) });
  const { messageId } = await deps.publisher.publish(message);
  log.info('alert published', { outcome, messageId, severity: message.attributes.severity, kind: context.kind, failures: context.streak?.failures, attempt });
  return { outcome, alerted: context.kind !== 'repeat' && context.kind !== 'retry', kind: context.kind, ...(send ? { send } : {}), messageId, subject: message.subject, attributes: message.attributes, ...retry };
}

/**
 * Why this failure alerts no one, if it does not: the connector incident it belongs to (which
 * alerts once for every run), or the maintenance window or snooze it happened in.
 */
async function suppressionOf(input: NotifyInput, outcome: Outcome, now: Date, deps: NotifyDeps, quiet: QuietDeps): Promise<string | undefined> {
  if (!FAILURE_OUTCOMES.includes(outcome)) return undefined;
  const at = input.run.endedAt ?? now.toISOString();
  const run = { runId: input.run.runId, flow: input.flow.name, outcome, at, ...(input.run.message ? { message: input.run.message } : {}) };
  if (input.run.cause === 'connector') {
    const incident = await connectorFailed({ incidents: deps.incidents, publisher: deps.publisher, log: quiet.log }, run, input.run.message ?? `${outcome}: DataWORQ unreachable`);
    if (incident !== undefined) return incident;
  }
  return quietWindowFor(input.flow, run, parseTime(at) ?? now, quiet);
}

async function chooseAlert(input: NotifyInput, outcome: Outcome, deps: NotifyDeps, log: Log): Promise<ChosenAlert> {
  if (!deps.memory) return { context: { kind: 'new' } };
  // The run's end, not the Lambda's clock: a retried Notify decides about the same moment.
  const endedAt = parseTime(input.run.endedAt) ?? (deps.clock ?? systemClock).now();
  const policy = alertPolicyOf(input.flow);
  try {
    const record = await deps.memory.record(input.flow.name, input.run.runId, (previous) => decideAlert(previous, outcome, endedAt, policy));
    if (record.reused) log.info('alert memory: this run already decided; sending that alert again', { send: record.decision.send });
    return { context: record.decision.context, send: record.decision.send };
  } catch (error) {
    // One alert too many beats a failure nobody hears about.
    log.warn('alert memory unavailable; alerting without it', { error: describeError(error) });
    return { context: { kind: 'new' } };
  }
}

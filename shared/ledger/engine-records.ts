/**
 * What the engine writes to the ledger, built from the run's own state (pure), and the one rule
 * for ledger failures: the run goes on. Submit, Check and Notify call these; none of them reads
 * the record back, so a ledger outage never changes a run's course (only pauses read it).
 */
import { SENSITIVE_NAME } from '../dataworq/mask-parameters.ts';
import type { AlertMessage } from '../alerts/alert-message.ts';
import { matchesFilterPolicy } from '../alerts/filter-policy.ts';
import { describeError, type Log } from '../log.ts';
import type { NotifyInput, Outcome, RunFlow, RunParameter, RunState, RunTrigger } from '../model.ts';
import type { RunLedger } from './run-ledger.ts';
import { attemptOf } from '../run/retry.ts';
import { MASKED_VALUE, type NewRunRecord, type PauseFlag, type RecordedParameter, type RecordedTrigger, type RunEnd, type RunProgress } from './run-record.ts';

/** A subscriber's name and filter policy: the alert record says whose filters an alert matched. */
export interface SubscriberFilter {
  readonly name: string;
  readonly policy: Readonly<Record<string, readonly string[]>>;
}

/** Ledger writes are best effort: the record is for operators, the run must not fail for it. */
export async function ledgerSafely(log: Log, what: string, write: () => Promise<unknown> | undefined): Promise<void> {
  try {
    await write();
  } catch (error) {
    log.warn(`could not write the run ledger (${what}); the run goes on without this record update`, { error: describeError(error) });
  }
}

/**
 * The parameters as sent (templates rendered, when Submit got that far; else the template text),
 * with the same masking rule as the alert emails: a credential-like name never has its value kept.
 */
export function recordedParameters(parameters: readonly RunParameter[]): RecordedParameter[] {
  return parameters.map((parameter) => {
    if (SENSITIVE_NAME.test(parameter.name)) return { name: parameter.name, type: parameter.type, value: MASKED_VALUE, masked: true };
    return 'template' in parameter ? { name: parameter.name, type: parameter.type, value: parameter.template } : { name: parameter.name, type: parameter.type, value: parameter.value };
  });
}

/** A schedule trigger's id is `<flow>/<schedule>` (infra/constructs/schedules.ts, local scheduler). */
export function scheduleOf(trigger: RunTrigger): string | undefined {
  if (trigger.kind !== 'schedule') return undefined;
  const slash = trigger.id.indexOf('/');
  return slash === -1 ? trigger.id : trigger.id.slice(slash + 1);
}

export function recordedTrigger(trigger: RunTrigger): RecordedTrigger {
  const base = { kind: trigger.kind, id: trigger.id, time: trigger.time };
  switch (trigger.kind) {
    case 'schedule':
      return { ...base, schedule: scheduleOf(trigger), scheduledTime: trigger.time };
    case 'webhook':
      return { ...base, deliveryId: trigger.id };
    case 'manual':
      return { ...base, by: trigger.id };
    default:
      return base;
  }
}

/** A re-run's trigger carries the original run id (the state machine passes only flow and trigger to Submit). */
export function rerunOfTrigger(trigger: RunTrigger): string | undefined {
  return trigger.kind === 'rerun' ? trigger.id : undefined;
}

/** The record's identity and Submit's result (also Notify's fallback when Submit crashed). */
export function newRunRecord(input: { readonly flow: RunFlow; readonly trigger: RunTrigger }, run: RunState): NewRunRecord {
  const rerunOf = rerunOfTrigger(input.trigger);
  return {
    runId: run.runId,
    flow: input.flow.name,
    trigger: recordedTrigger(input.trigger),
    parameters: recordedParameters(run.parameters ?? input.flow.parameters),
    runProfileName: input.flow.runProfileName,
    notificationEnabled: input.flow.notificationEnabled,
    submittedAt: run.submittedAt,
    ...(run.attempt !== undefined && { attempt: run.attempt }),
    ...(run.jobId !== undefined && { jobId: run.jobId }),
    ...(run.adopted && { adopted: true }),
    ...(rerunOf !== undefined && { rerunOf }),
    ...(run.outcome !== undefined && { outcome: run.outcome }),
    ...(run.message !== undefined && { message: run.message }),
    ...(run.endedAt !== undefined && { endedAt: run.endedAt }),
  };
}

/** One Check's progress; a timeline entry when the status or the step differs from the last check's. */
export function runProgress(before: RunState, after: RunState, checkedAt: Date): RunProgress {
  const status = after.poll.lastStatus;
  const step = after.job?.currentStep;
  const changed = (status !== undefined && status !== before.poll.lastStatus) || (step !== undefined && step !== before.job?.currentStep);
  return {
    checkedAt: after.poll.lastCheckedAt ?? checkedAt.toISOString(),
    checks: after.poll.iteration,
    ...(status !== undefined && { executionStatus: status }),
    ...(step !== undefined && { currentStep: step }),
    ...(after.job?.currentStepStatus !== undefined && { currentStepStatus: after.job.currentStepStatus }),
    ...(after.job?.startTime !== undefined && { startedAt: after.job.startTime }),
    ...(status === 'RUNNING' && { seenRunningAt: checkedAt.toISOString() }),
    ...(changed && { timelineEntry: { at: checkedAt.toISOString(), ...(status !== undefined && { status }), ...(step !== undefined && { step }) } }),
    ...(after.outcome !== undefined && { outcome: after.outcome }),
    ...(after.message !== undefined && { message: after.message }),
    ...(after.endedAt !== undefined && { endedAt: after.endedAt }),
  };
}

/** Notify's write: the end, and the alert with the subscribers whose filters its attributes match. */
export function runEnd(
  input: NotifyInput,
  outcome: Outcome,
  sent: {
    readonly attributes?: AlertMessage['attributes'];
    readonly subject?: string;
    readonly messageId?: string;
    readonly suppressed?: string;
    readonly retry?: { readonly attempt: number };
  },
  now: Date,
  subscribers: readonly SubscriberFilter[] = [],
): RunEnd {
  const { run } = input;
  const attributes = sent.attributes;
  const n = attemptOf(input.trigger);
  // Only a retried run lists its attempts: one that ends at its first has nothing to add.
  const attempt = n > 1 || sent.retry !== undefined ? { n, outcome, endedAt: run.endedAt ?? now.toISOString(), ...(run.jobId !== undefined && { jobId: run.jobId }), ...(run.message !== undefined && { message: run.message }) } : undefined;
  return {
    ...(attempt && { attempt }),
    ...(sent.suppressed !== undefined && { alertSuppressed: sent.suppressed }),
    outcome,
    endedAt: run.endedAt ?? now.toISOString(),
    ...(run.message !== undefined && { message: run.message }),
    ...(run.jobId !== undefined && { jobId: run.jobId }),
    ...(run.job?.executionStatus !== undefined && { executionStatus: run.job.executionStatus }),
    ...(run.job?.currentStep !== undefined && { currentStep: run.job.currentStep }),
    ...(run.job?.startTime !== undefined && { startedAt: run.job.startTime }),
    ...(attributes && {
      alert: {
        outcome: attributes.outcome,
        severity: attributes.severity,
        ...(attributes.alert !== undefined && { kind: attributes.alert }),
        ...(sent.subject !== undefined && { subject: sent.subject }),
        ...(sent.messageId !== undefined && { messageId: sent.messageId }),
        matchedSubscribers: subscribers.filter(({ policy }) => matchesFilterPolicy(policy, attributes)).map(({ name }) => name),
        sentAt: now.toISOString(),
      },
    }),
  };
}

/** The pause that applies to this trigger; when the flags cannot be read the run goes ahead, and says so. */
export async function activePauseOf(ledger: RunLedger | undefined, flow: string, trigger: RunTrigger, now: Date, log: Log): Promise<PauseFlag | undefined> {
  if (!ledger) return undefined;
  try {
    const pause = await ledger.activePause(flow, scheduleOf(trigger), now);
    if (pause) log.info('flow paused; skipping the run without starting a job', { schedule: pause.schedule, since: pause.since, until: pause.until });
    return pause;
  } catch (error) {
    log.warn('could not read the pause flags; running as if not paused', { error: describeError(error) });
    return undefined;
  }
}

/**
 * Notify's write, after the alert went out (`sent`) or failed to (undefined): the outcome either
 * way. An upsert, so a run whose Submit crashed still has a record. Duplicate deliveries are no runs.
 */
export async function recordRunEnd(
  input: NotifyInput,
  sent: Parameters<typeof runEnd>[2] | undefined,
  deps: { readonly ledger?: RunLedger; readonly subscribers?: readonly SubscriberFilter[]; readonly log: Log; readonly now: Date },
): Promise<void> {
  const { ledger } = deps;
  const outcome = input.run.outcome;
  if (!ledger || outcome === undefined || input.run.duplicate) return;
  await ledgerSafely(deps.log, 'notify', () => ledger.finished(input.run.runId, runEnd(input, outcome, sent ?? {}, deps.now, deps.subscribers), newRunRecord(input, input.run)));
}

/** Why a paused trigger's run was skipped, and how to undo it. */
export function pausedMessage(flag: PauseFlag): string {
  const what = flag.schedule === undefined ? flag.flow : `${flag.flow} (schedule ${flag.schedule})`;
  const by = flag.by ? ` by ${flag.by}` : '';
  const until = flag.until ? ` until ${flag.until}` : '';
  const reason = flag.reason ? `: ${flag.reason}` : '';
  const resume = flag.schedule === undefined ? `dwq resume ${flag.flow}` : `dwq resume ${flag.flow} --schedule ${flag.schedule}`;
  return `paused: ${what} is paused since ${flag.since}${by}${until}${reason}; resume with \`${resume}\``;
}

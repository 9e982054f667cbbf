/**
 * The alert memory's decision (docs/alert-memory.md): from what is remembered about a flow's
 * earlier runs, the outcome of the run that just ended, when it ended and the flow's policy,
 * which alert goes out and what is remembered next. Pure, so every case is a row in a test; the
 * memory (shared/alerts/alert-memory.ts, over a store in shared/aws/dynamodb/) only reads, calls
 * this and commits.
 */
import { FAILURE_OUTCOMES, type Outcome, type RunFlow } from '../model.ts';
import type { AlertContext, AlertKind } from './alert-message.ts';

export interface AlertPolicy {
  /** After an alert, further failures of the same streak stay quiet this long. */
  readonly quietPeriodSeconds: number;
  /** Streak lengths announced whatever the quiet period, e.g. [5, 10, 20]. */
  readonly remindAt: readonly number[];
}

export const DEFAULT_ALERT_POLICY: AlertPolicy = { quietPeriodSeconds: 3600, remindAt: [5, 10, 20] };

export function isDefaultAlertPolicy(policy: AlertPolicy): boolean {
  return (
    policy.quietPeriodSeconds === DEFAULT_ALERT_POLICY.quietPeriodSeconds &&
    policy.remindAt.length === DEFAULT_ALERT_POLICY.remindAt.length &&
    policy.remindAt.every((count, index) => count === DEFAULT_ALERT_POLICY.remindAt[index])
  );
}

/**
 * A RunFlow whose flow has its own policy. Only a policy that differs from the default travels
 * in the run's input; Notify applies the default otherwise.
 */
export type AlertingRunFlow = RunFlow & { readonly alerts?: AlertPolicy };

export interface FailureStreak {
  /** Failures in a row, the latest included. */
  readonly failures: number;
  /** ISO 8601: when the streak's first failure ended. */
  readonly since: string;
  /** ISO 8601: when the streak was last announced (its first failure, or a reminder). */
  readonly lastAlertAt: string;
  /** The streak length that announcement reported. */
  readonly lastAlertedCount: number;
}

export interface FlowMemory {
  readonly lastOutcome: Outcome;
  /** ISO 8601: when the last run ended. */
  readonly lastEndedAt: string;
  /** Present while the flow is failing. */
  readonly streak?: FailureStreak;
  /** 1 for the first write, then +1 per write: the store's conditional put checks it. */
  readonly version: number;
}

/**
 * `alert`: the run's own alert (a first failure, or any non-failure); `reminder`: a repeated
 * failure announced again; `recovered`: the first success after failures; `none`: a repeated
 * failure kept quiet (published only for subscribers who opted into every failure).
 */
export type AlertSend = 'alert' | 'reminder' | 'recovered' | 'none';

/** What formatAlert needs from the memory: the `alert` attribute and the streak or recovery. */
export type DecisionContext = Pick<AlertContext, 'kind' | 'streak' | 'recovered'> & { readonly kind: AlertKind };

export interface AlertDecision {
  readonly send: AlertSend;
  readonly next: FlowMemory;
  readonly context: DecisionContext;
}

const KIND_OF_SEND: Readonly<Record<AlertSend, AlertKind>> = { alert: 'new', recovered: 'new', reminder: 'reminder', none: 'repeat' };

export function alertKindOf(send: AlertSend): AlertKind {
  return KIND_OF_SEND[send];
}

export function isFailure(outcome: string): boolean {
  return (FAILURE_OUTCOMES as readonly string[]).includes(outcome);
}

export function decideAlert(previous: FlowMemory | undefined, outcome: Outcome, now: Date, policy: AlertPolicy = DEFAULT_ALERT_POLICY): AlertDecision {
  const at = now.toISOString();
  const base = { lastOutcome: outcome, lastEndedAt: at, version: (previous?.version ?? 0) + 1 };
  const streak = previous?.streak;
  if (isFailure(outcome)) return decideFailure(streak, base, now, policy);
  if (outcome === 'COMPLETED' && streak) {
    return {
      send: 'recovered',
      next: base,
      context: { kind: 'new', recovered: { failures: streak.failures, downSince: streak.since } },
    };
  }
  // SKIPPED (and any outcome we do not know) leaves a streak as it was: nothing ran, nothing recovered.
  return { send: 'alert', next: outcome === 'COMPLETED' ? base : { ...base, streak }, context: { kind: 'new' } };
}

function decideFailure(streak: FailureStreak | undefined, base: Omit<FlowMemory, 'streak'>, now: Date, policy: AlertPolicy): AlertDecision {
  const at = base.lastEndedAt;
  if (!streak) {
    return { send: 'alert', next: { ...base, streak: { failures: 1, since: at, lastAlertAt: at, lastAlertedCount: 1 } }, context: { kind: 'new' } };
  }
  const failures = streak.failures + 1;
  const remind = policy.remindAt.includes(failures) || quietPeriodOver(streak.lastAlertAt, now, policy.quietPeriodSeconds);
  const send: AlertSend = remind ? 'reminder' : 'none';
  const next: FailureStreak = remind
    ? { failures, since: streak.since, lastAlertAt: at, lastAlertedCount: failures }
    : { ...streak, failures };
  return { send, next: { ...base, streak: next }, context: { kind: alertKindOf(send), streak: { failures, since: streak.since } } };
}

/** An unreadable last alert time counts as long ago: when in doubt, speak. */
function quietPeriodOver(lastAlertAt: string, now: Date, quietPeriodSeconds: number): boolean {
  const last = Date.parse(lastAlertAt);
  if (Number.isNaN(last)) return true;
  return now.getTime() - last >= quietPeriodSeconds * 1000;
}

/** The flow's policy from the run's input, or the default when it carries none (or a broken one). */
export function alertPolicyOf(flow: RunFlow): AlertPolicy {
  const alerts: unknown = (flow as AlertingRunFlow).alerts;
  if (typeof alerts !== 'object' || alerts === null) return DEFAULT_ALERT_POLICY;
  const { quietPeriodSeconds, remindAt } = alerts as Record<string, unknown>;
  const validQuiet = typeof quietPeriodSeconds === 'number' && Number.isFinite(quietPeriodSeconds) && quietPeriodSeconds >= 0;
  const validRemind = Array.isArray(remindAt) && remindAt.every((count) => Number.isInteger(count));
  return {
    quietPeriodSeconds: validQuiet ? quietPeriodSeconds : DEFAULT_ALERT_POLICY.quietPeriodSeconds,
    remindAt: validRemind ? (remindAt as number[]) : DEFAULT_ALERT_POLICY.remindAt,
  };
}

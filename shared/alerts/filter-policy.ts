/**
 * Subscription filter policies (MessageAttributes scope) on the `outcome`, `flow` and `alert`
 * attributes, and the same rule evaluated locally so local mode routes alerts exactly as SNS would.
 */
import { ValidationError } from '../errors.ts';
import { ALERT_OUTCOMES, type AlertKind } from './alert-message.ts';

export type FilterPolicy = Record<string, string[]>;

/** Which failures of a streak a subscriber hears about (docs/alert-memory.md). */
export const FAILURE_ALERTS = ['first', 'reminders', 'every'] as const;
export type FailureAlerts = (typeof FAILURE_ALERTS)[number];

/** Which attempts of a retried run a subscriber hears about: the final outcome only, or every attempt. */
export const ATTEMPT_ALERTS = ['final', 'every'] as const;
export type AttemptAlerts = (typeof ATTEMPT_ALERTS)[number];

/** The `alert` attribute values each choice accepts; undefined = every kind, no key needed. */
const KINDS_FOR: Readonly<Record<FailureAlerts, readonly AlertKind[]>> = {
  first: ['new'],
  reminders: ['new', 'reminder'],
  every: ['new', 'reminder', 'repeat'],
};

function kindsFor(failures: FailureAlerts | undefined, attempts: AttemptAlerts | undefined): readonly AlertKind[] | undefined {
  const everyAttempt = attempts === 'every';
  if (failures === undefined) return undefined;
  // `failures: every` with `attempts: every` takes every kind: no key, as before retries.
  if (failures === 'every') return everyAttempt ? undefined : KINDS_FOR.every;
  return everyAttempt ? [...KINDS_FOR[failures], 'retry'] : KINDS_FOR[failures];
}

export interface AlertSubscriberFilter {
  /** Outcomes to receive (RECOVERED included), or ["*"] for all of them. */
  readonly outcomes: readonly string[];
  /** Flow names (config keys) to receive, or ["*"] for every flow. */
  readonly flows: readonly string[];
  /** Which failures of a streak to receive; undefined = every alert, as before alert memory. */
  readonly failures?: FailureAlerts;
  /** Which attempts of a retried run; undefined = final only, when `failures` is set. */
  readonly attempts?: AttemptAlerts;
}

/** SNS refuses a policy whose value lists multiply to more than this. */
export const SNS_MAX_FILTER_COMBINATIONS = 150;
const ANY = '*';

/**
 * The filter policy for one subscriber. `outcome` is always constrained, so a subscriber never
 * receives a message without that attribute; "*" for outcomes is spelled out as every outcome.
 */
export function subscriptionFilterPolicy(subscriber: AlertSubscriberFilter): FilterPolicy {
  const outcomes = policyOutcomes(subscriber.outcomes);
  if (outcomes.length === 0) {
    throw new ValidationError('alert subscriber outcomes: empty; list at least one outcome, or "*" for all');
  }
  if (subscriber.flows.length === 0) {
    throw new ValidationError('alert subscriber flows: empty; list at least one flow name, or "*" for all');
  }
  const kinds = kindsFor(subscriber.failures, subscriber.attempts);
  const alert: FilterPolicy = kinds ? { alert: [...kinds] } : {};
  if (subscriber.flows.includes(ANY)) return { outcome: outcomes, ...alert };
  const flows = unique(subscriber.flows);
  const kindCount = kinds?.length ?? 1;
  if (outcomes.length * flows.length * kindCount > SNS_MAX_FILTER_COMBINATIONS) {
    const kindText = kindCount > 1 ? ` x ${kindCount} alert kinds` : '';
    throw new ValidationError(
      `alert subscriber: ${outcomes.length} outcomes x ${flows.length} flows${kindText} exceeds SNS's ` +
        `${SNS_MAX_FILTER_COMBINATIONS} filter combinations; use fewer flows or "*"`,
    );
  }
  return { outcome: outcomes, flow: flows, ...alert };
}

/** A resolved subscriber (SubscriberConfig): `allFlows` keeps future flows in, so it needs no flow key. */
export interface AlertSubscriber {
  /** With a name, the policy also lets that subscriber's test alert through (testAlertOutcome). */
  readonly name?: string;
  readonly outcomes: readonly string[];
  readonly flows: readonly string[];
  readonly allFlows: boolean;
  readonly failures: FailureAlerts;
  /** Default `final`: a retried attempt is heard only by `attempts: every` subscribers. */
  readonly attempts?: AttemptAlerts;
}

/** The one subscriber-to-policy rule, used by the SNS subscriptions and by local mode's outbox. */
export function subscriberFilterPolicy(subscriber: AlertSubscriber): FilterPolicy {
  const flows = subscriber.allFlows ? [ANY] : subscriber.flows;
  const outcomes = subscriber.name === undefined ? subscriber.outcomes : [...subscriber.outcomes, testAlertOutcome(subscriber.name)];
  return subscriptionFilterPolicy({ outcomes, flows, failures: subscriber.failures, attempts: subscriber.attempts ?? 'final' });
}

/**
 * The `outcome` attribute of `dwq test-alert <name>`: a value only that subscriber's policy
 * lists, so a test alert reaches exactly one subscriber, by the same exact-match rule as every
 * alert (no `exists` or `anything-but` operators, one more value within SNS's combination limit),
 * and a normal alert's attributes stay as they were.
 */
export function testAlertOutcome(subscriberName: string): string {
  return `TEST:${subscriberName}`;
}

/**
 * True when SNS would deliver a message with these attributes to a subscription with this
 * policy: every policy key must be present and equal to one of its values (exact match).
 */
export function matchesFilterPolicy(
  policy: Readonly<Record<string, readonly string[]>>,
  attributes: Readonly<Record<string, string | undefined>>,
): boolean {
  return Object.entries(policy).every(([key, allowed]) => {
    const value = attributes[key];
    return value !== undefined && allowed.includes(value);
  });
}

/**
 * The outcomes a policy lists, duplicates dropped: "*" is spelled out as every outcome, here only,
 * and a value that is none of them (a test alert's, testAlertOutcome) stays after them.
 */
function policyOutcomes(outcomes: readonly string[]): string[] {
  if (!outcomes.includes(ANY)) return unique(outcomes);
  return unique([...ALERT_OUTCOMES, ...outcomes.filter((outcome) => outcome !== ANY)]);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

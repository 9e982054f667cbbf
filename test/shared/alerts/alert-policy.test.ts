import { describe, expect, it } from 'vitest';
import {
  alertPolicyOf,
  decideAlert,
  DEFAULT_ALERT_POLICY,
  type AlertSend,
  type FlowMemory,
} from '../../../shared/alerts/alert-policy.ts';
import { ALERT_KINDS } from '../../../shared/alerts/alert-message.ts';
import { matchesFilterPolicy, subscriptionFilterPolicy, type FailureAlerts } from '../../../shared/alerts/filter-policy.ts';
import { formatAlert } from '../../../shared/alerts/format-alert.ts';
import { FAILURE_OUTCOMES, type Outcome } from '../../../shared/model.ts';
import { completedInput, demoFlow, erroredInput } from './notify-inputs.ts';

const T0 = '2026-03-01T02:00:00.000Z';
const at = (offsetSeconds: number, from = T0) => new Date(Date.parse(from) + offsetSeconds * 1000);
const HOUR = 3600;

const streakOf = (failures: number, lastOutcome: Outcome = 'ERROR'): FlowMemory => ({
  lastOutcome,
  lastEndedAt: at(failures * 900).toISOString(),
  streak: { failures, since: T0, lastAlertAt: T0, lastAlertedCount: 1 },
  version: failures + 2,
});

const PREVIOUS: Record<string, FlowMemory | undefined> = {
  'no memory': undefined,
  'a success': { lastOutcome: 'COMPLETED', lastEndedAt: T0, version: 3 },
  'a skip with no streak': { lastOutcome: 'SKIPPED', lastEndedAt: T0, version: 2 },
  'a streak of 1': streakOf(1),
  'a streak of 3, then a skip': streakOf(3, 'SKIPPED'),
  'a streak of 4 (5 is a remindAt count)': streakOf(4),
};

/** When the new run ended, relative to the streak's last alert (T0) and the 1 h quiet period. */
const TIMES: Record<string, Date> = {
  'within the quiet period': at(HOUR - 1),
  'exactly at its end': at(HOUR),
  'long after it': at(30 * HOUR),
  'before the last alert (clock skew)': at(-300),
};

type Expected = { success: AlertSend; failure: AlertSend; skip: AlertSend };
const ALWAYS_ALERT: Expected = { success: 'alert', failure: 'alert', skip: 'alert' };
const quiet: Expected = { success: 'recovered', failure: 'none', skip: 'alert' };
const remind: Expected = { success: 'recovered', failure: 'reminder', skip: 'alert' };

// previous state → time relation → expected send per outcome class. Every cell is written out.
const TABLE: Record<string, Record<string, Expected>> = {
  'no memory': { 'within the quiet period': ALWAYS_ALERT, 'exactly at its end': ALWAYS_ALERT, 'long after it': ALWAYS_ALERT, 'before the last alert (clock skew)': ALWAYS_ALERT },
  'a success': { 'within the quiet period': ALWAYS_ALERT, 'exactly at its end': ALWAYS_ALERT, 'long after it': ALWAYS_ALERT, 'before the last alert (clock skew)': ALWAYS_ALERT },
  'a skip with no streak': { 'within the quiet period': ALWAYS_ALERT, 'exactly at its end': ALWAYS_ALERT, 'long after it': ALWAYS_ALERT, 'before the last alert (clock skew)': ALWAYS_ALERT },
  'a streak of 1': { 'within the quiet period': quiet, 'exactly at its end': remind, 'long after it': remind, 'before the last alert (clock skew)': quiet },
  'a streak of 3, then a skip': { 'within the quiet period': quiet, 'exactly at its end': remind, 'long after it': remind, 'before the last alert (clock skew)': quiet },
  'a streak of 4 (5 is a remindAt count)': { 'within the quiet period': remind, 'exactly at its end': remind, 'long after it': remind, 'before the last alert (clock skew)': remind },
};

const KIND_OF: Record<AlertSend, string> = { alert: 'new', recovered: 'new', reminder: 'reminder', none: 'repeat' };

const ROWS = Object.entries(TABLE).flatMap(([previous, times]) =>
  Object.entries(times).flatMap(([time, expected]) => [
    ...FAILURE_OUTCOMES.map((outcome) => ({ previous, time, outcome, send: expected.failure })),
    { previous, time, outcome: 'COMPLETED' as Outcome, send: expected.success },
    { previous, time, outcome: 'SKIPPED' as Outcome, send: expected.skip },
  ]),
);

describe('Function: decideAlert', () => {
  it('covers every previous state, outcome and time relation', () => {
    // Assess
    expect(ROWS).toHaveLength(Object.keys(PREVIOUS).length * Object.keys(TIMES).length * (FAILURE_OUTCOMES.length + 2));
  });

  it.each(ROWS)('after $previous, $outcome $time → $send', ({ previous, time, outcome, send }) => {
    // Prepare
    const memory = PREVIOUS[previous];

    // Act
    const decision = decideAlert(memory, outcome, TIMES[time]!, DEFAULT_ALERT_POLICY);

    // Assess
    expect(decision.send).toBe(send);
    expect(decision.context.kind).toBe(KIND_OF[send]);
    expect(decision.next.version).toBe((memory?.version ?? 0) + 1);
    expect(decision.next.lastOutcome).toBe(outcome);
  });

  it('opens a streak of 1 at the failure time, with no streak text, on a first failure', () => {
    // Act
    const decision = decideAlert(PREVIOUS['a success'], 'TIMED_OUT', at(HOUR));

    // Assess
    expect(decision.next.streak).toEqual({ failures: 1, since: at(HOUR).toISOString(), lastAlertAt: at(HOUR).toISOString(), lastAlertedCount: 1 });
    expect(decision.context).toEqual({ kind: 'new' });
  });

  it('counts a quiet failure without moving the last alert, and says how long it has been failing', () => {
    // Act
    const decision = decideAlert(streakOf(2), 'LOST', at(600));

    // Assess
    expect(decision.next.streak).toEqual({ failures: 3, since: T0, lastAlertAt: T0, lastAlertedCount: 1 });
    expect(decision.context).toEqual({ kind: 'repeat', streak: { failures: 3, since: T0 } });
  });

  it('restarts the quiet period at a reminder and remembers the count it announced', () => {
    // Act
    const decision = decideAlert(streakOf(2), 'ERROR', at(2 * HOUR));

    // Assess
    expect(decision.next.streak).toEqual({ failures: 3, since: T0, lastAlertAt: at(2 * HOUR).toISOString(), lastAlertedCount: 3 });
    expect(decision.context).toEqual({ kind: 'reminder', streak: { failures: 3, since: T0 } });
  });

  it('reminds at each remindAt count even right after the last alert', () => {
    // Prepare
    const policy = { quietPeriodSeconds: 24 * HOUR, remindAt: [3, 6] };
    let memory: FlowMemory | undefined;
    const sends: AlertSend[] = [];

    // Act
    for (let run = 1; run <= 7; run += 1) {
      const decision = decideAlert(memory, 'ERROR', at(run * 60), policy);
      sends.push(decision.send);
      memory = decision.next;
    }

    // Assess
    expect(sends).toEqual(['alert', 'none', 'reminder', 'none', 'none', 'reminder', 'none']);
    expect(memory?.streak?.failures).toBe(7);
  });

  it('announces the recovery with the streak length and start, then forgets the streak', () => {
    // Act
    const decision = decideAlert(streakOf(6), 'COMPLETED', at(5 * HOUR));

    // Assess
    expect(decision.context).toEqual({ kind: 'new', recovered: { failures: 6, downSince: T0 } });
    expect(decision.next).toEqual({ lastOutcome: 'COMPLETED', lastEndedAt: at(5 * HOUR).toISOString(), version: 9 });
  });

  it('leaves the streak exactly as it was when a run is skipped', () => {
    // Act
    const decision = decideAlert(streakOf(2), 'SKIPPED', at(HOUR / 2));

    // Assess
    expect(decision.next.streak).toEqual(streakOf(2).streak);
    expect(decision.context).toEqual({ kind: 'new' });
  });

  it('gives formatAlert the texts users read: failing N times since, back to normal after N, down for', () => {
    // Prepare
    const since = '2021-05-19T12:00:00.000Z';
    const memory: FlowMemory = { lastOutcome: 'ERROR', lastEndedAt: since, streak: { failures: 3, since, lastAlertAt: since, lastAlertedCount: 1 }, version: 3 };

    // Act
    const reminder = formatAlert(erroredInput(), decideAlert(memory, 'ERROR', at(0, '2021-05-20T02:14:20.000Z')).context);
    const recovered = formatAlert(completedInput, decideAlert(memory, 'COMPLETED', at(0, '2021-05-19T16:02:08.000Z')).context);

    // Assess
    expect(reminder.subject).toBe('[DataWORQ] ERROR: demo-load (job 2956fdae), failing 4 times since 05-19 12:00Z');
    expect(reminder.attributes.alert).toBe('reminder');
    expect(recovered.bodies.sms).toContain('back to normal after 3 failures, down for 4h 2m');
    expect(recovered.attributes).toEqual({ outcome: 'RECOVERED', flow: 'demo-load', severity: 'info', alert: 'new' });
  });
});

describe('Function: alertPolicyOf', () => {
  it.each([
    ['no policy', undefined, DEFAULT_ALERT_POLICY],
    ['its own policy', { quietPeriodSeconds: 600, remindAt: [3] }, { quietPeriodSeconds: 600, remindAt: [3] }],
    ['a broken policy', { quietPeriodSeconds: 'soon', remindAt: 'often' }, DEFAULT_ALERT_POLICY],
  ])('uses the default unless the flow carries a valid policy: %s', (_label, alerts, expected) => {
    // Act
    const policy = alertPolicyOf({ ...demoFlow, ...(alerts ? { alerts } : {}) } as typeof demoFlow);

    // Assess
    expect(policy).toEqual(expected);
  });
});

describe('Function: subscriptionFilterPolicy with failures', () => {
  const deliveredKinds = (failures: FailureAlerts) => {
    const policy = subscriptionFilterPolicy({ outcomes: ['*'], flows: ['*'], failures });
    return ALERT_KINDS.filter((kind) => matchesFilterPolicy(policy, { outcome: 'ERROR', flow: 'demo-load', alert: kind }));
  };

  it.each([
    ['first', ['new']],
    ['reminders', ['new', 'reminder']],
    ['every', ['new', 'reminder', 'repeat']],
  ] as const)('delivers to a subscriber with failures: %s only %j alerts', (failures, kinds) => {
    // Act / Assess
    expect(deliveredKinds(failures)).toEqual(kinds);
  });

  it('counts alert kinds in the SNS combination limit', () => {
    // Prepare
    const flows = Array.from({ length: 10 }, (_, i) => `flow-${i}`);

    // Act
    const act = (): unknown => subscriptionFilterPolicy({ outcomes: ['*'], flows, failures: 'reminders' });

    // Assess
    expect(act).toThrow(/13 outcomes x 10 flows x 2 alert kinds exceeds SNS's 150/);
  });
});

import { describe, expect, it } from 'vitest';
import { formatAlert } from '../../../shared/alerts/format-alert.ts';
import { matchesFilterPolicy, subscriberFilterPolicy, subscriptionFilterPolicy } from '../../../shared/alerts/filter-policy.ts';
import { ValidationError } from '../../../shared/errors.ts';
import { FAILURE_OUTCOMES } from '../../../shared/model.ts';
import { completedInput, erroredInput, skippedInput, submitFailedInput } from './notify-inputs.ts';

const ALL = ['COMPLETED', 'ERROR', 'CANCELLED', 'TIMED_OUT', 'SUBMIT_FAILED', 'LOST', 'SKIPPED', 'RECOVERED', 'MISSED', 'LATE', 'SUSPICIOUS', 'CONNECTOR_DOWN', 'CONNECTOR_RECOVERED'];

describe('Function: subscriptionFilterPolicy', () => {
  it('spells out every outcome, and no flow key, for an email subscriber that wants everything', () => {
    // Act
    const policy = subscriptionFilterPolicy({ outcomes: ['*'], flows: ['*'] });

    // Assess
    expect(policy).toEqual({ outcome: ALL });
  });

  it('lists only the failure outcomes for an SMS-on-failure subscriber', () => {
    // Act
    const policy = subscriptionFilterPolicy({ outcomes: FAILURE_OUTCOMES, flows: ['*'] });

    // Assess
    expect(policy).toEqual({ outcome: ['ERROR', 'CANCELLED', 'TIMED_OUT', 'SUBMIT_FAILED', 'LOST'] });
  });

  it('adds a flow key, without duplicates, for a subscriber of specific flows', () => {
    // Act
    const policy = subscriptionFilterPolicy({ outcomes: ['ERROR', 'ERROR', 'LOST'], flows: ['demo-load', 'nightly-sales', 'demo-load'] });

    // Assess
    expect(JSON.stringify(policy)).toBe('{"outcome":["ERROR","LOST"],"flow":["demo-load","nightly-sales"]}');
  });

  it.each([
    ['no outcomes', { outcomes: [], flows: ['*'] }, /outcomes: empty/],
    ['no flows', { outcomes: ['ERROR'], flows: [] }, /flows: empty/],
    ['more combinations than SNS allows', { outcomes: ['*'], flows: Array.from({ length: 19 }, (_, i) => `flow-${i}`) }, /13 outcomes x 19 flows exceeds SNS's 150/],
  ])('refuses a subscriber with %s', (_label, subscriber, message) => {
    // Act
    const act = (): unknown => subscriptionFilterPolicy(subscriber);

    // Assess
    expect(act).toThrow(ValidationError);
    expect(act).toThrow(message);
  });
});

describe('Function: matchesFilterPolicy', () => {
  const emailAll = subscriptionFilterPolicy({ outcomes: ['*'], flows: ['*'] });
  const smsFailures = subscriptionFilterPolicy({ outcomes: FAILURE_OUTCOMES, flows: ['*'] });
  const demoErrors = subscriptionFilterPolicy({ outcomes: ['ERROR', 'SUBMIT_FAILED'], flows: ['demo-load'] });

  it.each([
    ['a COMPLETED run', formatAlert(completedInput), [true, false, false]],
    ['an ERROR run', formatAlert(erroredInput()), [true, true, true]],
    ['an ERROR of another flow', formatAlert(erroredInput(undefined, { name: 'nightly-sales' })), [true, true, false]],
    ['a SUBMIT_FAILED run', formatAlert(submitFailedInput), [true, true, true]],
    ['a SKIPPED run', formatAlert(skippedInput), [true, false, false]],
    ['a recovery', formatAlert(completedInput, { recovered: { failures: 2, downSince: '2021-05-19T02:00:00Z' } }), [true, false, false]],
  ] as const)('routes %s to the subscribers SNS would deliver it to', (_label, alert, expected) => {
    // Act
    const routed = [emailAll, smsFailures, demoErrors].map((policy) => matchesFilterPolicy(policy, alert.attributes));

    // Assess
    expect(routed).toEqual(expected);
  });

  it('drops a message that lacks a policy attribute, as SNS does', () => {
    // Act
    const matched = matchesFilterPolicy(emailAll, { severity: 'critical' });

    // Assess
    expect(matched).toBe(false);
  });

  it('compares values exactly, case included', () => {
    // Act
    const matched = matchesFilterPolicy(demoErrors, { outcome: 'error', flow: 'demo-load' });

    // Assess
    expect(matched).toBe(false);
  });

  it('delivers everything to a subscriber without a policy', () => {
    // Act
    const matched = matchesFilterPolicy({}, { outcome: 'ERROR', flow: 'demo-load' });

    // Assess
    expect(matched).toBe(true);
  });
});

describe('Function: subscriberFilterPolicy', () => {
  it('leaves the flow key out for a subscriber of "*", so flows added later are included', () => {
    // Act
    const policy = subscriberFilterPolicy({ outcomes: ['ERROR'], flows: ['demo-load', 'nightly-sales'], allFlows: true, failures: 'first' });

    // Assess
    expect(policy).toEqual({ outcome: ['ERROR'], alert: ['new'] });
  });

  it('names the flows of a subscriber of listed flows, and keeps retried attempts out unless it asks for every attempt', () => {
    // Act
    const policy = subscriberFilterPolicy({ outcomes: ['ERROR', 'RECOVERED'], flows: ['demo-load'], allFlows: false, failures: 'every' });
    const everyAttempt = subscriberFilterPolicy({ outcomes: ['ERROR', 'RECOVERED'], flows: ['demo-load'], allFlows: false, failures: 'every', attempts: 'every' });
    const firstAndRetries = subscriberFilterPolicy({ outcomes: ['ERROR'], flows: [], allFlows: true, failures: 'first', attempts: 'every' });

    // Assess
    expect(policy).toEqual({ outcome: ['ERROR', 'RECOVERED'], flow: ['demo-load'], alert: ['new', 'reminder', 'repeat'] });
    expect(everyAttempt).toEqual({ outcome: ['ERROR', 'RECOVERED'], flow: ['demo-load'] });
    expect(firstAndRetries).toEqual({ outcome: ['ERROR'], alert: ['new', 'retry'] });
    expect(matchesFilterPolicy(policy, { outcome: 'ERROR', flow: 'demo-load', alert: 'retry' })).toBe(false);
  });
});

/**
 * Alert memory through the synthesized RunFlow state machine: the real handlers, the emulator,
 * and the run state table on a DynamoDB-compatible server (dynalite). Only SNS is stubbed.
 */
import { PublishCommand, type PublishCommandInput } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import type { AlertingRunFlow } from '../../shared/alerts/alert-policy.ts';
import { matchesFilterPolicy, subscriptionFilterPolicy } from '../../shared/alerts/filter-policy.ts';
import { formatDayClock, formatDuration, formatUtc } from '../../shared/alerts/time-text.ts';
import { parseConfig } from '../../shared/config/load.ts';
import { DynamoAlertMemory } from '../../shared/aws/dynamodb/alert-memory.ts';
import { catalogueFlow, harnessForEachTest } from '../helpers/run-harness.ts';

const startHarness = harnessForEachTest();

// 10 scaled minutes = 3 s at speed 200: back-to-back runs stay well inside it, the sleep gets past it.
const POLICY = { quietPeriodSeconds: 600, remindAt: [4] };
const failing: AlertingRunFlow = { ...catalogueFlow('broken-export'), alerts: POLICY };
const refused: AlertingRunFlow = { ...failing, flowId: '99999999-9999-4999-8999-999999999999' };
const working: AlertingRunFlow = { ...catalogueFlow('sleep-split'), name: 'broken-export', alerts: POLICY };

/** Subscribers as the config resolves them, defaults included: email `reminders`, sms `first`. */
const SUBSCRIBERS = parseConfig(`
flows:
  broken-export: { flowId: 7d4c2f9e-3b1a-4e8d-9f60-1a2b3c4d5e6f }
subscribers:
  - { name: ops, email: ops@example.com }
  - { name: oncall, sms: "+15555550100" }
  - { name: audit, email: audit@example.com, failures: every }
`).subscribers;

function attributesOf(publish: PublishCommandInput): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(publish.MessageAttributes ?? {}).map(([name, value]) => [name, value.StringValue]));
}

/** Which of the published alerts (by index) each subscriber receives, as SNS would route them. */
function deliveries(publishes: readonly PublishCommandInput[]): Record<string, number[]> {
  return Object.fromEntries(
    SUBSCRIBERS.map((subscriber) => {
      const policy = subscriptionFilterPolicy({ outcomes: subscriber.outcomes, flows: ['*'], failures: subscriber.failures });
      const received = publishes.flatMap((publish, index) => (matchesFilterPolicy(policy, attributesOf(publish)) ? [index] : []));
      return [subscriber.name, received];
    }),
  );
}

const smsOf = (publish: PublishCommandInput | undefined) => (JSON.parse(publish?.Message ?? '{}') as { sms?: string }).sms ?? '';
const emailOf = (publish: PublishCommandInput | undefined) => (JSON.parse(publish?.Message ?? '{}') as { email?: string }).email ?? '';

describe('RunFlow state machine with alert memory', () => {
  it('announces a failure streak once, reminds after the quiet period and at a remindAt count, then announces the recovery', async () => {
    // Prepare
    const harness = await startHarness({ speed: 200, stateTable: true });
    const h = harness;

    // Act
    const first = await h.run(failing);
    await h.run(refused);
    await h.clock.sleep(POLICY.quietPeriodSeconds * 1000);
    await h.run(failing);
    await h.run(refused);
    await h.run(refused);
    const recovery = await h.run(working);
    await h.run(working);

    // Assess
    const publishes = h.publishes();
    expect(publishes.map((publish) => attributesOf(publish).outcome)).toEqual(['ERROR', 'SUBMIT_FAILED', 'ERROR', 'SUBMIT_FAILED', 'SUBMIT_FAILED', 'RECOVERED', 'COMPLETED']);
    expect(publishes.map((publish) => attributesOf(publish).alert)).toEqual(['new', 'repeat', 'reminder', 'reminder', 'repeat', 'new', 'new']);
    expect(deliveries(publishes)).toEqual({ ops: [0, 2, 3, 5, 6], oncall: [0, 5], audit: [0, 1, 2, 3, 4, 5, 6] });

    const since = new Date(first.output!.run.endedAt!);
    expect(publishes[0]?.Subject).not.toContain('failing');
    expect(publishes[2]?.Subject).toContain(`failing 3 times since ${formatDayClock(since)}`);
    expect(emailOf(publishes[2])).toContain(`Failing 3 times since ${formatUtc(since)}.`);
    expect(smsOf(publishes[3])).toContain('failing 4 times');
    const downFor = formatDuration(Date.parse(recovery.output!.run.endedAt!) - since.getTime());
    expect(smsOf(publishes[5])).toContain(`back to normal after 5 failures, down for ${downFor}`);
    expect(publishes[6]?.Subject).not.toContain('back to normal');
  });

  it('publishes the same alert again, without counting twice, when Notify is retried after a failed publish', async () => {
    // Prepare
    const harness = await startHarness({ speed: 200, stateTable: true });
    const h = harness;
    await h.run(failing);
    let attempts = 0;
    h.sns.on(PublishCommand).callsFake(() => {
      attempts += 1;
      if (attempts === 1) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' });
      return { MessageId: crypto.randomUUID() };
    });

    // Act
    const second = await h.run(failing);

    // Assess
    expect(second.state).toBe('SUCCEEDED');
    const retried = h.publishes().slice(1);
    expect(retried).toHaveLength(2);
    expect(retried.map((publish) => publish.Subject)).toEqual([retried[0]?.Subject, retried[0]?.Subject]);
    expect(retried[1]?.Subject).toContain('failing 2 times');
    const memory = await new DynamoAlertMemory({ table: h.stateTable! }).read('broken-export');
    expect(memory?.memory.streak?.failures).toBe(2);
    expect(second.output?.notification).toMatchObject({ alerted: false, kind: 'repeat', send: 'none' });
  });

  it('alerts every failure as new, as before, when no state table is wired', async () => {
    // Prepare
    const harness = await startHarness({ speed: 200 });

    // Act
    await harness.run(failing);
    await harness.run(failing);

    // Assess
    const publishes = harness.publishes();
    expect(publishes.map((publish) => attributesOf(publish).alert)).toEqual(['new', 'new']);
    expect(publishes.map((publish) => publish.Subject).join('\n')).not.toContain('failing');
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutboxAlertPublisher, readOutbox } from '../../../local/runtime/outbox-publisher.ts';
import { emailChannel } from '../../../shared/alerts/channels/email.ts';
import type { LocalDeliveryRequest } from '../../../shared/alerts/channels/channel.ts';
import { smsChannel } from '../../../shared/alerts/channels/sms.ts';
import { formatAlert } from '../../../shared/alerts/format-alert.ts';
import { systemClock } from '../../../shared/clock.ts';
import { parseConfig } from '../../../shared/config/load.ts';
import { AlertPublishError } from '../../../shared/errors.ts';
import type { NotifyInput } from '../../../shared/model.ts';
import { completedInput, erroredInput, notifyInput } from '../../shared/alerts/notify-inputs.ts';
import { temporaryOutbox } from './support/local-kit.ts';

/** As Notify formats them: every alert carries its kind (alert memory). */
const alertOf = (input: NotifyInput) => formatAlert(input, { kind: 'new' });

const { subscribers } = parseConfig(
  `
flows:
  demo-load: { flowId: 2932ca30-8871-48b1-8e9b-90b744020b68 }
  other-load: { flowId: f21bf040-c22b-454e-8561-2115e90aaa55 }
subscribers:
  - { name: ops, email: ops@example.com }
  - { name: oncall, sms: "+15555550100" }
  - { name: other-team, email: other@example.com, flows: [other-load] }
  - { name: audit, email: audit@example.com, outcomes: [COMPLETED, ERROR, CANCELLED, TIMED_OUT, SUBMIT_FAILED, LOST, SKIPPED, RECOVERED] }
`,
  'outbox test config',
);

describe('Class: OutboxAlertPublisher', () => {
  it('writes one JSON line per alert, naming the subscribers whose filter policy matches', async () => {
    // Prepare
    const path = temporaryOutbox();
    const printed: string[] = [];
    const publisher = new OutboxAlertPublisher({ path, subscribers, clock: systemClock, print: (text) => printed.push(text) });

    // Act
    await publisher.publish(alertOf(completedInput));
    await publisher.publish(alertOf(erroredInput()));
    await publisher.publish(alertOf(notifyInput({ outcome: 'SKIPPED', job: undefined })));

    // Assess
    const alerts = readOutbox(path);
    expect(alerts.map((alert) => [alert.attributes.outcome, alert.deliveredTo])).toEqual([
      ['COMPLETED', ['ops', 'audit']],
      ['ERROR', ['ops', 'oncall', 'audit']],
      ['SKIPPED', ['audit']],
    ]);
    expect(alerts[1]?.subject).toBe(alertOf(erroredInput()).subject);
    expect(alerts[1]?.bodies.sms).toBe(alertOf(erroredInput()).bodies.sms);
    expect(printed[1]).toContain('Delivered to: ops, oncall, audit');
  });

  it('keeps every line whole when many alerts are published at once', async () => {
    // Prepare
    const path = temporaryOutbox();
    const publisher = new OutboxAlertPublisher({ path, subscribers, clock: systemClock });

    // Act
    await Promise.all(Array.from({ length: 40 }, (_, index) => publisher.publish(alertOf(erroredInput(`failure ${index} ${'x'.repeat(900)}`)))));

    // Assess
    const alerts = readOutbox(path);
    expect(alerts).toHaveLength(40);
    expect(new Set(alerts.map((alert) => alert.messageId)).size).toBe(40);
  });

  it('fails with AlertPublishError, so the state machine retries, when the outbox cannot be written', async () => {
    // Prepare: the outbox path is a directory.
    const path = mkdtempSync(join(tmpdir(), 'dwq-outbox-dir-'));
    const publisher = new OutboxAlertPublisher({ path, subscribers, clock: systemClock });

    // Act
    const publishing = publisher.publish(alertOf(completedInput));

    // Assess
    await expect(publishing).rejects.toThrow(AlertPublishError);
    await expect(publishing).rejects.toThrow(`could not append the alert to the outbox ${path}: EISDIR`);
  });

  it("hands the body to a channel's local delivery, for the matching subscribers of that channel only", async () => {
    // Prepare: an sms channel that delivers locally, as a webhook channel would.
    const delivered: Array<[string, string]> = [];
    const deliver = async ({ body, endpoint }: LocalDeliveryRequest) => void delivered.push([body, endpoint]);
    const channels = [emailChannel, { ...smsChannel, local: { ...smsChannel.local, deliver } }];
    const publisher = new OutboxAlertPublisher({ path: temporaryOutbox(), subscribers, clock: systemClock, channels });

    // Act
    await publisher.publish(alertOf(completedInput));
    await publisher.publish(alertOf(erroredInput()));

    // Assess
    expect(delivered).toEqual([[alertOf(erroredInput()).bodies.sms, '+15555550100']]);
  });

  it('prints a failed local delivery and still resolves, as AWS leaves it to the dead-letter queue, after the outbox has the alert', async () => {
    // Prepare
    const path = temporaryOutbox();
    const printed: string[] = [];
    const deliver = async () => {
      throw new Error('connection refused');
    };
    const channels = [emailChannel, { ...smsChannel, local: { ...smsChannel.local, deliver } }];
    const publisher = new OutboxAlertPublisher({ path, subscribers, clock: systemClock, channels, print: (text) => printed.push(text) });

    // Act
    const published = await publisher.publish(alertOf(erroredInput()));

    // Assess
    expect(published.messageId).toBe(readOutbox(path)[0]?.messageId);
    expect(printed.at(-1)).toBe('[alert] ERROR could not deliver the alert to subscriber oncall (sms): Error: connection refused; the outbox has it');
    expect(readOutbox(path)).toHaveLength(1);
  });

  it('reads an outbox that does not exist yet as empty', () => {
    // Act
    const alerts = readOutbox(join(tmpdir(), `dwq-no-such-outbox-${crypto.randomUUID()}.jsonl`));

    // Assess
    expect(alerts).toEqual([]);
  });
});

describe('Class: OutboxAlertPublisher › a repeat in the quiet period', () => {
  it('says the repeat was kept quiet on purpose, not that no policy matches', async () => {
    // Prepare
    const path = temporaryOutbox();
    const printed: string[] = [];
    const quiet = parseConfig('flows:\n  demo-load: { flowId: 2932ca30-8871-48b1-8e9b-90b744020b68 }\nsubscribers:\n  - { name: ops, email: ops@example.com }\n', 'quiet test config').subscribers;
    const publisher = new OutboxAlertPublisher({ path, subscribers: quiet, clock: systemClock, print: (text) => printed.push(text) });

    // Act
    await publisher.publish(formatAlert(erroredInput(), { kind: 'repeat' }));

    // Assess
    expect(printed[0]).toContain(`\nDelivered to: no subscriber: a repeated failure inside the quiet period, kept quiet on purpose (docs/alert-memory.md)  (outbox: ${path})`);
  });
});

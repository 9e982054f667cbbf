import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutboxAlertPublisher, readOutbox } from '../../../local/runtime/outbox-publisher.ts';
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

  it('reads an outbox that does not exist yet as empty', () => {
    // Act
    const alerts = readOutbox(join(tmpdir(), `dwq-no-such-outbox-${crypto.randomUUID()}.jsonl`));

    // Assess
    expect(alerts).toEqual([]);
  });
});

/** End to end in local mode: an ERROR run's alert reaches a local webhook receiver, signed, exactly once. */
import { afterEach, describe, expect, it } from 'vitest';
import { readOutbox } from '../../../local/runtime/outbox-publisher.ts';
import { ALERT_OUTCOMES } from '../../../shared/alerts/alert-message.ts';
import { loadConfig } from '../../../shared/config/load.ts';
import type { DwqConfig, SubscriberConfig } from '../../../shared/config/schema.ts';
import { startReceiver, standardWebhookProblem, type Receiver } from '../../shared/alerts/delivery/support/receiver.ts';
import { localStarter, signedPost, waitFor, webhookTestOptions } from './support/local-kit.ts';

const WEBHOOK_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SUBSCRIBER_SECRET = 'whsec_c3Vic2NyaWJlci1zZWNyZXQtZm9yLXRlc3Rz';
const shipped = loadConfig();
// The definition is the shipped config's; each test adds its subscribers to that config.
const startLocalMode = localStarter(shipped);
let receiver: Receiver | undefined;

afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

function withSubscribers(extra: SubscriberConfig[]): DwqConfig {
  return { ...shipped, subscribers: [...shipped.subscribers, ...extra] };
}

const hookSubscriber = (url: string): SubscriberConfig => ({
  name: 'incident-hook', protocol: 'webhook', endpoint: url, outcomes: [...ALERT_OUTCOMES], flows: Object.keys(shipped.flows), allFlows: true, failures: 'every', alarms: false,
});
const slackSubscriber: SubscriberConfig = {
  name: 'data-team', protocol: 'slack', endpoint: 'dataworq/slack-data-team', outcomes: ['ERROR', 'RECOVERED'], flows: Object.keys(shipped.flows), allFlows: true, failures: 'reminders', alarms: false,
};

async function start(config: DwqConfig, env: Record<string, string>) {
  const options = webhookTestOptions(WEBHOOK_SECRET);
  const local = await startLocalMode({ ...options, config, env: { ...options.env, ...env } });
  return { local, out: options.out };
}

describe('Local mode: Slack, Teams and webhook subscribers', () => {
  it('delivers exactly one signed POST for an ERROR run, which the receiver verifies', async () => {
    // Prepare
    receiver = await startReceiver([{ status: 200 }]);
    const { local, out } = await start(withSubscribers([hookSubscriber(receiver.url)]), { DWQ_SUBSCRIBER_SECRET: SUBSCRIBER_SECRET });

    // Act
    const answer = await signedPost(local.url, 'broken-export', WEBHOOK_SECRET);
    await local.executor.get(String(answer.body['runId']))?.done;
    await waitFor(() => (out.text().includes('delivered to incident-hook') ? true : undefined));

    // Assess
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(standardWebhookProblem(SUBSCRIBER_SECRET, delivery!.headers, delivery!.body)).toBeUndefined();
    expect(JSON.parse(delivery!.body)).toMatchObject({ type: 'run.failed', data: { flow: 'broken-export', outcome: 'ERROR' } });
    const [alert] = readOutbox(local.outboxPath);
    expect(alert?.deliveredTo).toContain('incident-hook');
    expect(out.text()).toContain('signed with the secret from DWQ_SUBSCRIBER_SECRET');
    expect(out.text()).not.toContain(SUBSCRIBER_SECRET);
  });

  it('prints a generated signing secret at start when DWQ_SUBSCRIBER_SECRET is unset, and signs with it', async () => {
    // Prepare
    receiver = await startReceiver([{ status: 200 }]);
    const { local, out } = await start(withSubscribers([hookSubscriber(receiver.url)]), {});

    // Act
    const answer = await signedPost(local.url, 'broken-export', WEBHOOK_SECRET);
    await local.executor.get(String(answer.body['runId']))?.done;
    await waitFor(() => (receiver!.received.length > 0 ? true : undefined));

    // Assess
    const printed = /outbound alerts signed with (whsec_\S+)\s+\(generated/.exec(out.text())?.[1];
    expect(printed).toBeDefined();
    expect(standardWebhookProblem(printed!, receiver.received[0]!.headers, receiver.received[0]!.body)).toBeUndefined();
  });

  it('keeps a Slack message in the outbox and on screen without --deliver', async () => {
    // Prepare
    const { local, out } = await start(withSubscribers([slackSubscriber]), {});

    // Act
    const answer = await signedPost(local.url, 'broken-export', WEBHOOK_SECRET);
    await local.executor.get(String(answer.body['runId']))?.done;
    await waitFor(() => (out.text().includes('Slack message for data-team') ? true : undefined));

    // Assess
    const [alert] = readOutbox(local.outboxPath);
    expect(alert?.deliveredTo).toContain('data-team');
    expect(JSON.parse(alert!.bodies.slack)).toHaveProperty('attachments');
    expect(out.text()).toContain('kept in the outbox (dwq start --deliver posts it)');
  });

  it('posts the Slack message with --deliver, to the URL given for its secret', async () => {
    // Prepare
    receiver = await startReceiver([{ status: 200 }]);
    const { local, out } = await start(withSubscribers([slackSubscriber]), { DWQ_DELIVER: '1', DWQ_SECRET_DATAWORQ_SLACK_DATA_TEAM: receiver.url });

    // Act
    const answer = await signedPost(local.url, 'broken-export', WEBHOOK_SECRET);
    await local.executor.get(String(answer.body['runId']))?.done;
    await waitFor(() => (out.text().includes('Slack message delivered to data-team') ? true : undefined));

    // Assess
    expect(receiver.received).toHaveLength(1);
    expect(JSON.parse(receiver.received[0]!.body).attachments[0].blocks[0].text.text).toBe(':red_circle: ERROR: broken-export');
  });
});

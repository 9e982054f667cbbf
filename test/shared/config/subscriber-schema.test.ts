/** Alert subscribers in the config: exactly one channel key, and the channel's defaults. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../shared/config/load.ts';
import { ALERT_OUTCOMES } from '../../../shared/alerts/alert-message.ts';
import { configWith, expectIssueAt, type ConfigMistake } from './support/config-text.ts';

const mistakes: readonly ConfigMistake[] = [
  { mistake: 'a subscriber with both email and sms', text: configWith('', 'subscribers:\n  - { name: ops, email: ops@example.com, sms: "+15555550100" }\n'), path: 'subscribers[0]', says: 'has both email and sms; set exactly one' },
  { mistake: 'a subscriber with a bad phone number', text: configWith('', 'subscribers:\n  - { name: oncall, sms: 555-0100 }\n'), path: 'subscribers[0].sms', says: 'must be an E.164 phone number' },
  { mistake: 'an unquoted phone number', text: configWith('', 'subscribers:\n  - { name: oncall, sms: +15555550100 }\n'), path: 'subscribers[0].sms', says: 'must be quoted' },
  { mistake: 'an unknown outcome', text: configWith('', 'subscribers:\n  - { name: ops, email: ops@example.com, outcomes: [ERROR, FAILED] }\n'), path: 'subscribers[0].outcomes[1]', says: "(got 'FAILED')" },
  { mistake: 'duplicate subscriber names', text: configWith('', 'subscribers:\n  - { name: ops, email: a@example.com }\n  - { name: ops, email: b@example.com }\n'), path: 'subscribers[1].name', says: "duplicate subscriber name 'ops'" },
  { mistake: 'a subscriber with no channel key', text: configWith('', 'subscribers:\n  - { name: ops }\n'), path: 'subscribers[0]', says: 'needs an email, an sms, a slack, a teams or a webhook key' },
  { mistake: 'a Slack URL in place of its secret name', text: configWith('', 'subscribers:\n  - { name: chat, slack: "https://hooks.slack.com/services/T/B/X" }\n'), path: 'subscribers[0].slack', says: 'must name the secret that holds the Slack incoming-webhook URL, not the URL itself: slack: { webhookSecret: dataworq/slack-data-team }' },
  { mistake: 'a Teams secret with a bad name', text: configWith('', 'subscribers:\n  - { name: chat, teams: { webhookSecret: "my secret!" } }\n'), path: 'subscribers[0].teams', says: 'webhookSecret must be the name or ARN of a Secrets Manager secret' },
  { mistake: 'an unknown key beside webhookSecret', text: configWith('', 'subscribers:\n  - { name: chat, slack: { webhookSecret: a/b, channel: "#ops" } }\n'), path: 'subscribers[0].slack', says: 'has unknown key channel; it takes only webhookSecret' },
  { mistake: 'a plain-http webhook to another host', text: configWith('', 'subscribers:\n  - { name: hook, webhook: "http://hooks.example.com/x" }\n'), path: 'subscribers[0].webhook', says: 'must use https (got http); plain http is accepted only for http://127.0.0.1 or http://localhost in local mode' },
  { mistake: 'alarms for a webhook subscriber', text: configWith('', 'subscribers:\n  - { name: hook, webhook: "https://hooks.example.com/x", alarms: true }\n'), path: 'subscribers[0].alarms', says: 'alarms reach email and sms subscribers only' },
  { mistake: '"*" beside flow names', text: configWith('', 'subscribers:\n  - { name: ops, email: ops@example.com, flows: ["*", demo-load] }\n'), path: 'subscribers[0].flows', says: '"*" already means every flow' },
];

describe('subscriberSchema', () => {
  it.each(mistakes)('rejects $mistake, naming the path', (mistake) => {
    // Act, Assess
    expectIssueAt(mistake);
  });

  it('takes Slack and Teams as the name of the secret holding the URL, and a webhook URL with its own defaults', () => {
    // Prepare
    const text = configWith('', 'subscribers:\n  - { name: data-team, slack: { webhookSecret: dataworq/slack-data-team } }\n  - { name: planning, teams: { webhookSecret: dataworq/teams-planning } }\n  - { name: local-hook, webhook: "http://127.0.0.1:9000/alerts" }\n');

    // Act
    const [slack, teams, webhook] = parseConfig(text).subscribers;

    // Assess
    expect(slack).toMatchObject({ protocol: 'slack', endpoint: 'dataworq/slack-data-team', outcomes: ['ERROR', 'CANCELLED', 'TIMED_OUT', 'SUBMIT_FAILED', 'LOST', 'RECOVERED'], failures: 'reminders', alarms: false });
    expect(teams).toMatchObject({ protocol: 'teams', endpoint: 'dataworq/teams-planning' });
    expect(webhook).toMatchObject({ protocol: 'webhook', endpoint: 'http://127.0.0.1:9000/alerts', failures: 'every', alarms: false });
    expect(webhook?.outcomes).toEqual([...ALERT_OUTCOMES]);
  });

  it('derives protocol, endpoint and default outcomes for subscribers', () => {
    // Prepare
    const text = configWith('', 'subscribers:\n  - { name: ops, email: ops@example.com }\n  - { name: oncall, sms: "+15555550100", flows: [demo-load] }\n');

    // Act
    const [email, sms] = parseConfig(text).subscribers;

    // Assess
    expect(email).toEqual({
      name: 'ops',
      protocol: 'email',
      endpoint: 'ops@example.com',
      outcomes: ['COMPLETED', 'ERROR', 'CANCELLED', 'TIMED_OUT', 'SUBMIT_FAILED', 'LOST', 'RECOVERED', 'MISSED', 'LATE', 'SUSPICIOUS', 'CONNECTOR_DOWN', 'CONNECTOR_RECOVERED'],
      flows: ['demo-load'],
      allFlows: true,
      failures: 'reminders',
      attempts: 'final',
      alarms: true,
    });
    expect(sms).toMatchObject({ protocol: 'sms', endpoint: '+15555550100', flows: ['demo-load'], allFlows: false });
    expect(sms?.outcomes).toEqual(['ERROR', 'CANCELLED', 'TIMED_OUT', 'SUBMIT_FAILED', 'LOST', 'RECOVERED', 'MISSED', 'CONNECTOR_DOWN', 'CONNECTOR_RECOVERED']);
    expect(sms?.alarms).toBe(false);
  });

  it('lets each subscriber choose whether it receives the operational alarms', () => {
    // Prepare
    const text = configWith('', 'subscribers:\n  - { name: quiet, email: ops@example.com, alarms: false }\n  - { name: pager, sms: "+15555550100", alarms: true }\n');

    // Act
    const [email, sms] = parseConfig(text).subscribers;

    // Assess
    expect(email?.alarms).toBe(false);
    expect(sms?.alarms).toBe(true);
    expect(() => parseConfig(configWith('', 'subscribers:\n  - { name: x, email: ops@example.com, alarms: "yes" }\n'))).toThrow(/subscribers\[0\]\.alarms: must be true or false/);
  });
});

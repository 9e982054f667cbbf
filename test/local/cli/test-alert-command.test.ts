import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { readOutbox } from '../../../local/runtime/outbox-publisher.ts';
import { matchesFilterPolicy, subscriberFilterPolicy } from '../../../shared/alerts/filter-policy.ts';
import { parseConfig } from '../../../shared/config/load.ts';
import { startReceiver, standardWebhookProblem, type Receiver } from '../../shared/alerts/delivery/support/receiver.ts';
import { temporaryOutbox } from '../runtime/support/local-kit.ts';
import { runCli } from './support/cli-kit.ts';

const FLOW_ID = '2932ca30-8871-48b1-8e9b-90b744020b68';
const SECRET = 'whsec_c3Vic2NyaWJlci1zZWNyZXQtZm9yLXRlc3Rz';
const TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:DataworqRunner-AlertsTopic';
const cloudFormation = mockClient(CloudFormationClient);
const sns = mockClient(SNSClient);
let receiver: Receiver | undefined;

afterEach(async () => {
  cloudFormation.reset();
  sns.reset();
  await receiver?.close();
  receiver = undefined;
});

function configFile(hookUrl: string): { path: string; text: string } {
  const text = [
    'flows:',
    `  demo-load:\n    flowId: ${FLOW_ID}`,
    `  nightly-sales:\n    flowId: ${FLOW_ID}`,
    'subscribers:',
    '  - { name: ops-email, email: ops@example.com }',
    '  - { name: oncall-sms, sms: "+15555550100" }',
    `  - { name: incident-hook, webhook: "${hookUrl}", flows: [nightly-sales] }`,
    `  - { name: other-hook, webhook: "${hookUrl}/other" }`,
    '',
  ].join('\n');
  const path = join(mkdtempSync(join(tmpdir(), 'dwq-test-alert-')), 'dataworq.yaml');
  writeFileSync(path, text);
  return { path, text };
}

describe('Command: dwq test-alert', () => {
  it('sends one signed sample to the named webhook subscriber only, locally', async () => {
    // Prepare
    receiver = await startReceiver([{ status: 200 }]);
    const { path } = configFile(receiver.url);
    const outbox = temporaryOutbox();

    // Act
    const result = await runCli(['test-alert', 'incident-hook', '--config', path, '--outbox', outbox], { env: { DWQ_SUBSCRIBER_SECRET: SECRET } });

    // Assess
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Sent a test ERROR alert to incident-hook locally.');
    expect(readOutbox(outbox).map((alert) => alert.deliveredTo)).toEqual([['incident-hook']]);
    expect(receiver.received.map((request) => request.path)).toEqual(['/alerts']);
    expect(standardWebhookProblem(SECRET, receiver.received[0]!.headers, receiver.received[0]!.body)).toBeUndefined();
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ type: 'run.failed', data: { flow: 'nightly-sales' } });
  });

  it('exits non-zero when the receiver refuses the sample', async () => {
    // Prepare
    receiver = await startReceiver([{ status: 403 }]);
    const { path } = configFile(receiver.url);

    // Act
    const result = await runCli(['test-alert', 'incident-hook', '--config', path, '--outbox', temporaryOutbox()]);

    // Assess
    expect(result.code).toBe(7);
    expect(result.stdout).toContain('could not deliver the alert to subscriber incident-hook (webhook): Error: the receiver answered 403');
    expect(result.stderr).toContain('the test alert did not reach incident-hook');
  });

  it('refuses an outcome the subscriber does not receive, and an unknown subscriber', async () => {
    // Prepare
    const { path } = configFile('https://hooks.example.com/x');

    // Act
    const outcome = await runCli(['test-alert', 'oncall-sms', '--outcome', 'COMPLETED', '--config', path]);
    const unknown = await runCli(['test-alert', 'nobody', '--config', path]);

    // Assess
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('subscriber oncall-sms does not receive COMPLETED alerts');
    expect(unknown.stderr).toContain("no subscriber named 'nobody' in the config (subscribers: ops-email, oncall-sms, incident-hook, other-hook)");
  });

  it('publishes to the deployed alerts topic with an outcome only that subscriber matches, with --stack', async () => {
    // Prepare
    const { path, text } = configFile('https://hooks.example.com/x');
    cloudFormation.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: 'DataworqRunner', CreationTime: new Date(), StackStatus: 'CREATE_COMPLETE', Outputs: [{ OutputKey: 'AlertsTopicArn', OutputValue: TOPIC_ARN }] }] });
    sns.on(PublishCommand).resolves({ MessageId: 'b1946ac9-2f0f-5d0a-9c3e-1b4e0c9f7a11' });

    // Act
    const result = await runCli(['test-alert', 'oncall-sms', '--stack', 'DataworqRunner', '--region', 'eu-west-1', '--config', path]);

    // Assess
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`Sent a test ERROR alert to oncall-sms through ${TOPIC_ARN}`);
    const input = sns.commandCalls(PublishCommand)[0]!.args[0].input;
    expect(input.TopicArn).toBe(TOPIC_ARN);
    const attributes = Object.fromEntries(Object.entries(input.MessageAttributes ?? {}).map(([key, value]) => [key, value.StringValue]));
    const reached = parseConfig(text).subscribers.filter((subscriber) => matchesFilterPolicy(subscriberFilterPolicy(subscriber), attributes)).map((subscriber) => subscriber.name);
    expect(reached).toEqual(['oncall-sms']);
  });

  it('says what to check when the stack cannot be described', async () => {
    // Prepare
    const { path } = configFile('https://hooks.example.com/x');
    cloudFormation.on(DescribeStacksCommand).rejects(Object.assign(new Error('Stack with id Nope does not exist'), { name: 'ValidationError' }));

    // Act
    const result = await runCli(['test-alert', 'ops-email', '--stack', 'Nope', '--region', 'eu-west-1', '--config', path]);

    // Assess
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('could not describe the stack Nope in eu-west-1 (ValidationError): check --stack, --region and --profile');
  });
});

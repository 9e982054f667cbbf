import { InternalErrorException, PublishCommand, SNSClient, ThrottledException } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { snsMessageBodies } from '../../../../shared/alerts/channels/index.ts';
import { formatAlert } from '../../../../shared/alerts/format-alert.ts';
import { SnsAlertPublisher } from '../../../../shared/aws/sns/alert-publisher.ts';
import { AlertPublishError } from '../../../../shared/errors.ts';
import { erroredInput } from '../../alerts/notify-inputs.ts';

const TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:dataworq-alerts';
const sns = mockClient(SNSClient);

afterEach(() => {
  sns.reset();
});

describe('Class: SnsAlertPublisher', () => {
  it('publishes one JSON-structured message with the filter attributes', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: 'b1946ac9-2f0f-5d0a-9c3e-1b4e0c9f7a11' });
    const message = formatAlert(erroredInput());
    const publisher = new SnsAlertPublisher({ topicArn: TOPIC_ARN, client: new SNSClient({ region: 'eu-west-1' }) });

    // Act
    const result = await publisher.publish(message);

    // Assess
    expect(result).toEqual({ messageId: 'b1946ac9-2f0f-5d0a-9c3e-1b4e0c9f7a11' });
    const calls = sns.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      TopicArn: TOPIC_ARN,
      Subject: '[DataWORQ] ERROR: demo-load (job 2956fdae)',
      MessageStructure: 'json',
      Message: JSON.stringify(snsMessageBodies(message.bodies)),
      MessageAttributes: {
        outcome: { DataType: 'String', StringValue: 'ERROR' },
        flow: { DataType: 'String', StringValue: 'demo-load' },
        severity: { DataType: 'String', StringValue: 'critical' },
      },
    });
    expect(Object.keys(JSON.parse(calls[0]?.args[0].input.Message ?? '{}'))).toEqual(['default', 'email', 'sms', 'sqs']);
    // The delivery-function channels ride in the one body SNS gives its SQS subscriptions.
    expect(Object.keys(JSON.parse(JSON.parse(calls[0]?.args[0].input.Message ?? '{}').sqs))).toEqual(['slack', 'teams', 'webhook']);
  });

  it('publishes through a shared default client when none is given', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const publisher = new SnsAlertPublisher({ topicArn: TOPIC_ARN });

    // Act
    const result = await publisher.publish(formatAlert(erroredInput()));

    // Assess
    expect(result.messageId).toBe('m-1');
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.TopicArn).toBe(TOPIC_ARN);
  });

  it('wraps throttling in AlertPublishError so the state machine can retry it', async () => {
    // Prepare
    const throttled = new ThrottledException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
    sns.on(PublishCommand).rejects(throttled);
    const publisher = new SnsAlertPublisher({ topicArn: TOPIC_ARN, client: new SNSClient({ region: 'eu-west-1' }) });

    // Act
    const error: unknown = await publisher.publish(formatAlert(erroredInput())).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(AlertPublishError);
    expect(error).toMatchObject({
      name: 'AlertPublishError',
      message: `could not publish the alert to ${TOPIC_ARN}: ThrottledException`,
    });
    expect((error as AlertPublishError).cause).toBe(throttled);
  });

  it.each([
    ['an SNS service error', new InternalErrorException({ message: 'Internal error', $metadata: { httpStatusCode: 500 } }), 'InternalErrorException'],
    ['a network failure', Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }), 'TimeoutError'],
  ])('wraps %s in AlertPublishError and keeps it as cause', async (_label, failure, name) => {
    // Prepare
    sns.on(PublishCommand).rejects(failure);
    const publisher = new SnsAlertPublisher({ topicArn: TOPIC_ARN, client: new SNSClient({ region: 'eu-west-1' }) });

    // Act
    const error: unknown = await publisher.publish(formatAlert(erroredInput())).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(AlertPublishError);
    expect((error as Error).name).toBe('AlertPublishError');
    expect((error as Error).message).toBe(`could not publish the alert to ${TOPIC_ARN}: ${name}`);
    expect((error as Error).cause).toBe(failure);
  });
});

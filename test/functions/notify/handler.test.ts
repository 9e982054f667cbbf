import { describe, expect, it } from 'vitest';
import { createNotifyHandler } from '../../../functions/notify/handler.ts';
import { localLambdaContext } from '../../../local/runtime/lambda-context.ts';
import type { AlertMessage } from '../../../shared/alerts/alert-message.ts';
import type { AlertPublisher } from '../../../shared/alerts/publisher.ts';
import { erroredInput } from '../../shared/alerts/notify-inputs.ts';

function recordingPublisher(): AlertPublisher & { readonly sent: AlertMessage[] } {
  const sent: AlertMessage[] = [];
  return { sent, publish: async (message) => (sent.push(message), { messageId: `m-${sent.length}` }) };
}

describe('Function: createNotifyHandler', () => {
  it('links the alert to the execution in the Step Functions console', async () => {
    // Prepare
    const publisher = recordingPublisher();
    const handler = createNotifyHandler({}, { publisher });
    const executionId = 'arn:aws:states:us-east-1:123456789012:execution:DwqRunFlow:demo-load--manual-1';

    // Act
    await handler({ ...erroredInput(), executionId }, localLambdaContext('notify'));

    // Assess
    expect(publisher.sent[0]?.bodies.default).toContain(
      `Console: https://us-east-1.console.aws.amazon.com/states/home?region=us-east-1#/v2/executions/details/${executionId}`,
    );
  });

  it('sends no console line for a local execution', async () => {
    // Prepare
    const publisher = recordingPublisher();
    const handler = createNotifyHandler({}, { publisher });

    // Act
    await handler({ ...erroredInput(), executionId: 'local:demo-load--manual-1' }, localLambdaContext('notify'));

    // Assess
    expect(publisher.sent[0]?.bodies.default).not.toContain('Console:');
  });
});

/**
 * The alerts topic of a deployed stack, found through its CloudFormation outputs, for
 * `dwq test-alert --stack`: the operator's default credential chain, or the named profile.
 */
// Types only at the top: the SDKs come through lazy imports on first use (docs/bench.md, P3).
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { SNSClient } from '@aws-sdk/client-sns';
import { ValidationError } from '../../errors.ts';
import { errorName } from '../../log.ts';
import type { AlertPublisher } from '../../alerts/publisher.ts';
import { SnsAlertPublisher } from '../sns/alert-publisher.ts';

export const ALERTS_TOPIC_OUTPUT = 'AlertsTopicArn';

export interface DeployedStack {
  readonly stackName: string;
  readonly region?: string;
  readonly profile?: string;
  /** Tests pass stubbed clients. */
  readonly cloudFormation?: CloudFormationClient;
  readonly sns?: SNSClient;
}

/** The stack's alerts topic ARN; a missing stack or output says what to do. */
export async function alertsTopicOf(stack: DeployedStack): Promise<string> {
  const sdk = await import('@aws-sdk/client-cloudformation');
  const client = stack.cloudFormation ?? new sdk.CloudFormationClient(clientConfig(stack));
  let outputs;
  try {
    const answer = await client.send(new sdk.DescribeStacksCommand({ StackName: stack.stackName }));
    outputs = answer.Stacks?.[0]?.Outputs ?? [];
  } catch (error) {
    const where = stack.region ? ` in ${stack.region}` : '';
    throw new ValidationError(
      `could not describe the stack ${stack.stackName}${where} (${errorName(error)}): check --stack, --region and --profile, and that your credentials allow cloudformation:DescribeStacks`,
      { cause: error },
    );
  }
  const topic = outputs.find((output) => output.OutputKey === ALERTS_TOPIC_OUTPUT)?.OutputValue;
  if (!topic) throw new ValidationError(`the stack ${stack.stackName} has no ${ALERTS_TOPIC_OUTPUT} output: is it a DataWORQ runner stack? deploy it with npx cdk deploy`);
  return topic;
}

/** A publisher to the deployed alerts topic (sns:Publish, and kms:GenerateDataKey on the alerts key). */
export async function deployedAlertPublisher(stack: DeployedStack): Promise<{ publisher: AlertPublisher; topicArn: string }> {
  const topicArn = await alertsTopicOf(stack);
  const sdk = await import('@aws-sdk/client-sns');
  const client = stack.sns ?? new sdk.SNSClient(clientConfig(stack));
  return { publisher: new SnsAlertPublisher({ topicArn, client }), topicArn };
}

function clientConfig(stack: DeployedStack): { region?: string; profile?: string } {
  return { ...(stack.region ? { region: stack.region } : {}), ...(stack.profile ? { profile: stack.profile } : {}) };
}

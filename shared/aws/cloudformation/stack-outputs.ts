/** A stack's outputs, through CloudFormation DescribeStacks: how the operator commands find the stack's resources. */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { OperatorAccessError } from '../../errors.ts';
import { explainAccessError, type AccessContext } from './access-errors.ts';

/** Output key → value. Throws OperatorAccessError for a missing stack or a refused DescribeStacks. */
export async function describeStackOutputs(client: CloudFormationClient, stackName: string, target: string): Promise<Readonly<Record<string, string>>> {
  const { DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
  const context: AccessContext = { target, resource: `stack ${stackName}` };
  let answer;
  try {
    answer = await client.send(new DescribeStacksCommand({ StackName: stackName }));
  } catch (error) {
    // CloudFormation answers a missing stack (or one hidden from these credentials' account and region) with ValidationError.
    if (error instanceof Error && error.name === 'ValidationError' && /does not exist/.test(error.message)) {
      throw new OperatorAccessError(`stack ${stackName} does not exist (${target}): check --stack and --region (or AWS_REGION), and that the credentials are for the account it is deployed in`, { cause: error, action: 'cloudformation:DescribeStacks' });
    }
    throw explainAccessError(error, 'cloudformation:DescribeStacks', context) ?? error;
  }
  const stack = answer.Stacks?.[0];
  if (stack === undefined) throw new OperatorAccessError(`stack ${stackName} does not exist (${target}): check --stack and --region`, { action: 'cloudformation:DescribeStacks' });
  return Object.fromEntries((stack.Outputs ?? []).flatMap((output) => (output.OutputKey && output.OutputValue ? [[output.OutputKey, output.OutputValue]] : [])));
}

/**
 * The AWS refusals an operator command can meet, turned into OperatorAccessError messages that
 * name what is missing: the IAM action refused, the credentials, the region, or the resource.
 * The SDK's errors are told apart by their `name` (the service's error code): there is no class.
 */
import { OperatorAccessError } from '../../errors.ts';

/** The IAM action of each command the operator commands send. */
const ACTIONS: Readonly<Record<string, string>> = {
  DescribeStacksCommand: 'cloudformation:DescribeStacks',
  QueryCommand: 'dynamodb:Query',
  GetItemCommand: 'dynamodb:GetItem',
  PutItemCommand: 'dynamodb:PutItem',
  DeleteItemCommand: 'dynamodb:DeleteItem',
  UpdateItemCommand: 'dynamodb:UpdateItem',
  StartExecutionCommand: 'states:StartExecution',
  DescribeExecutionCommand: 'states:DescribeExecution',
  GetExecutionHistoryCommand: 'states:GetExecutionHistory',
};

const DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation', 'AuthorizationErrorException']);
const BAD_CREDENTIALS = new Set(['UnrecognizedClientException', 'InvalidClientTokenId', 'ExpiredTokenException', 'ExpiredToken', 'InvalidSignatureException', 'SignatureDoesNotMatch']);
const MISSING_RESOURCE = new Set(['ResourceNotFoundException', 'StateMachineDoesNotExist']);

export interface AccessContext {
  /** e.g. `stack DataworqRunner in eu-west-1`. */
  readonly target: string;
  /** The resource the command was about, e.g. `table dwq-state (output StateTableName)`. */
  readonly resource: string;
}

export function actionOf(command: object): string {
  const name = command.constructor.name;
  return ACTIONS[name] ?? name.replace(/Command$/, '');
}

/** The refusal explained, or undefined when the error is not about access (the caller rethrows it). */
export function explainAccessError(error: unknown, action: string, context: AccessContext): OperatorAccessError | undefined {
  if (!(error instanceof Error)) return undefined;
  const cause = { cause: error, action };
  if (DENIED.has(error.name)) {
    return new OperatorAccessError(`${action} was refused on ${context.resource} (${context.target}): the caller lacks permission ${action}; attach the stack's OperatorPolicy (output OperatorPolicyArn) to your user or role`, cause);
  }
  if (BAD_CREDENTIALS.has(error.name)) {
    return new OperatorAccessError(`AWS did not accept the credentials for ${action} (${error.name}): refresh them (aws sso login, or new keys), or choose others with --profile`, cause);
  }
  if (error.name === 'CredentialsProviderError') {
    return new OperatorAccessError(`no AWS credentials found for ${action}: set AWS_PROFILE or pass --profile, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY`, cause);
  }
  // The SDK's region error has no name of its own; its message is the only handle.
  if (/region is missing/i.test(error.message)) {
    return new OperatorAccessError(`no AWS region for ${action}: pass --region or set AWS_REGION`, cause);
  }
  if (MISSING_RESOURCE.has(error.name)) {
    return new OperatorAccessError(`${context.resource} does not exist (${context.target}): the stack's outputs point at a deleted resource; redeploy the stack (npm run deploy)`, cause);
  }
  return undefined;
}

/** A client's `send` whose access refusals are explained; other errors pass unchanged. */
export function explainingSend<C extends { send: (command: never) => Promise<unknown> }>(client: C, context: AccessContext): C['send'] {
  const send = async (command: object) => {
    try {
      return await client.send(command as never);
    } catch (error) {
      throw explainAccessError(error, actionOf(command), context) ?? error;
    }
  };
  return send as C['send'];
}

/** The explanation somewhere in the cause chain (adapters wrap SDK errors in their own). */
export function accessErrorIn(error: unknown): OperatorAccessError | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (current instanceof OperatorAccessError) return current;
  }
  return undefined;
}

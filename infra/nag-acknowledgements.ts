/**
 * The cdk-nag AwsSolutions findings we accept, each with the reason it is right for this app.
 * Acknowledged on the narrowest construct that carries the finding, and per finding id
 * (`Rule[Finding]`), so a new wildcard or managed policy elsewhere is still reported.
 */
import { type CfnElement, Token, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { IConstruct } from 'constructs';
import type { DataworqStack } from './dataworq-stack.ts';

export const NAG_REASONS = {
  xrayWildcard:
    'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions, so their statement must name Resource "*"; no other statement of a role policy uses a wildcard resource (the logs statement of each function names its own log group).',
  lambdaInvokeVersions:
    'Step Functions invokes the run-engine Lambdas as <function ARN>:* so that a version or alias qualifier is allowed; the wildcard covers versions of that one function only.',
  connectorRotation:
    'The Cloud Connector keys are issued by QueBIT in the Cloud Connector and DataWORQ user management, not by AWS: no rotation Lambda can create new ones. The operator rotates them there and pastes the new value; the Lambdas re-read the secret within 5 minutes, so no redeploy is needed.',
  webhookCredentialRotation:
    'A webhook signing secret or bearer token is shared with an outside caller, so it can only be rotated together with that caller: during the change the caller sends signatures made with the old and the new secret side by side (Standard Webhooks allows several), so the request verifies whichever value the secret holds; an automatic rotation would break the caller without warning. The webhook re-reads the secret within 5 minutes.',
  schedulerDeadLetterQueue:
    'This queue is the dead-letter queue of the EventBridge Scheduler schedules (a target DeadLetterConfig, which cdk-nag cannot see); a dead-letter queue needs no dead-letter queue of its own, and the DeadLetters alarm watches it.',
  webhookAuthorization:
    'The webhook authenticates every request in the Lambda with the flow\'s own credentials (Standard Webhooks HMAC signature over the raw body, or a bearer token compared in constant time); an API Gateway authorizer cannot verify a signature over the body.',
  webhookExecutionArns:
    'Execution ARNs are only known at run time: the webhook may describe and read the history of executions of the RunFlow state machine only (execution:<state machine name>:*), nothing else.',
  watchdogInvokeVersions:
    'EventBridge Scheduler invokes the watchdog Lambda as <function ARN>:* (a version or alias qualifier allowed); the wildcard covers versions of that one function only.',
  stepFunctionsLogLevel:
    'Executions log at ERROR without execution data: inputs carry flow parameters that may be sensitive, and the execution history (kept 90 days) already records every state of every run; ALL would log every poll iteration of long jobs for no added insight.',
  operatorPolicyScopes:
    'The OperatorPolicy names this stack only (stack/<name>/* is its id suffix), the ledger\'s own indexes (table/index/*), and executions of the RunFlow state machine only (execution:<name>:*, known at run time); pause writes are limited to pause# keys.',
} as const;

/** Acknowledges, on every matching construct of the stack, the findings listed in NAG_REASONS. */
export function acknowledgeNagFindings(stack: DataworqStack): void {
  const all = stack.node.findAll();
  const functions = all.filter((node): node is lambda.Function => node instanceof lambda.Function);
  for (const fn of functions) acknowledgeFunction(fn);
  for (const machine of all.filter((node): node is sfn.StateMachine => node instanceof sfn.StateMachine)) {
    acknowledge(machine, 'AwsSolutions-SF1', NAG_REASONS.stepFunctionsLogLevel);
    acknowledge(machine, 'AwsSolutions-IAM5[Resource::*]', NAG_REASONS.xrayWildcard);
    for (const fn of functions) {
      const logicalId = stack.getLogicalId(fn.node.defaultChild as lambda.CfnFunction);
      acknowledge(machine, `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`, NAG_REASONS.lambdaInvokeVersions);
    }
  }
  for (const secret of all.filter((node): node is secretsmanager.Secret => node instanceof secretsmanager.Secret)) {
    const connector = secret.node.path.includes('/ConnectorSecret/');
    acknowledge(secret, 'AwsSolutions-SMG4', connector ? NAG_REASONS.connectorRotation : NAG_REASONS.webhookCredentialRotation);
  }
  if (stack.schedules) acknowledge(stack.schedules.deadLetterQueue, 'AwsSolutions-SQS3', NAG_REASONS.schedulerDeadLetterQueue);
  if (stack.webhookApi) acknowledgeWebhook(stack, stack.webhookApi);
  acknowledgeOperatorPolicy(stack);
  const watchdog = stack.getLogicalId(stack.watchdog.function.node.defaultChild as lambda.CfnFunction);
  acknowledge(stack.watchdog, `AwsSolutions-IAM5[Resource::<${watchdog}.Arn>:*]`, NAG_REASONS.watchdogInvokeVersions);
}

function acknowledgeOperatorPolicy(stack: DataworqStack): void {
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const table = stack.getLogicalId(stack.stateTable.table.node.defaultChild as CfnElement);
  const machine = stack.getLogicalId(stack.runEngine.stateMachine.node.defaultChild as sfn.CfnStateMachine);
  for (const resource of [
    `arn:<AWS::Partition>:cloudformation:${region}:${account}:stack/${stack.stackName}/*`,
    `<${table}.Arn>/index/*`,
    `arn:<AWS::Partition>:states:${region}:${account}:execution:<${machine}.Name>:*`,
  ]) {
    acknowledge(stack.operatorPolicy.policy, `AwsSolutions-IAM5[Resource::${resource}]`, NAG_REASONS.operatorPolicyScopes);
  }
}

function acknowledgeWebhook(stack: DataworqStack, webhookApi: NonNullable<DataworqStack['webhookApi']>): void {
  acknowledge(webhookApi.api, 'AwsSolutions-APIG4', NAG_REASONS.webhookAuthorization);
  // cdk-nag names the finding by the resolved ARN: tokens appear as <AWS::Region> or <LogicalId.Attribute>.
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const machine = stack.getLogicalId(stack.runEngine.stateMachine.node.defaultChild as sfn.CfnStateMachine);
  const executions = `arn:<AWS::Partition>:states:${region}:${account}:execution:<${machine}.Name>:*`;
  acknowledge(webhookApi.function, `AwsSolutions-IAM5[Resource::${executions}]`, NAG_REASONS.webhookExecutionArns);
  if (webhookApi.function.role !== undefined) {
    acknowledge(webhookApi.function.role, `AwsSolutions-IAM5[Resource::${executions}]`, NAG_REASONS.webhookExecutionArns);
  }
}

function acknowledgeFunction(fn: lambda.Function): void {
  const traced = (fn.node.defaultChild as lambda.CfnFunction).tracingConfig !== undefined;
  if (traced) acknowledge(fn, 'AwsSolutions-IAM5[Resource::*]', NAG_REASONS.xrayWildcard);
  // The function's own role (base-function.ts) carries the X-Ray statement.
  if (traced && fn.role !== undefined) acknowledge(fn.role, 'AwsSolutions-IAM5[Resource::*]', NAG_REASONS.xrayWildcard);
}

function acknowledge(construct: IConstruct, id: string, reason: string): void {
  Validations.of(construct).acknowledge({ id, reason });
}

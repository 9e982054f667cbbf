/**
 * An in-memory Step Functions behind aws-sdk-client-mock: StartExecution records executions by
 * name (an identical repeat is accepted, a different input refused with ExecutionAlreadyExists,
 * as the service does), DescribeExecution and GetExecutionHistory read them back.
 */
import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
  type ExecutionStatus,
  type HistoryEvent,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import type { RunState } from '../../../shared/model.ts';

export const STATE_MACHINE_ARN = 'arn:aws:states:eu-west-1:123456789012:stateMachine:dwq-run-flow';
const EXECUTION_ARN_PREFIX = 'arn:aws:states:eu-west-1:123456789012:execution:dwq-run-flow:';

export interface StubExecution {
  input: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  history: HistoryEvent[];
}

export function stubStepFunctions() {
  const client = mockClient(SFNClient);
  const executions = new Map<string, StubExecution>();
  const nameOf = (executionArn: string | undefined) => (executionArn ?? '').slice(EXECUTION_ARN_PREFIX.length);
  const notFound = (arn: string | undefined) =>
    new ExecutionDoesNotExist({ message: `Execution Does Not Exist: '${arn}'`, $metadata: { httpStatusCode: 400 } });

  client.on(StartExecutionCommand).callsFake(async ({ name = '', input = '{}', stateMachineArn }) => {
    if (stateMachineArn !== STATE_MACHINE_ARN) throw new Error(`unexpected state machine ${stateMachineArn}`);
    const existing = executions.get(name);
    if (existing !== undefined && existing.input !== input) {
      throw new ExecutionAlreadyExists({ message: `Execution Already Exists: '${name}'`, $metadata: { httpStatusCode: 400 } });
    }
    if (existing === undefined) {
      executions.set(name, { input, status: 'RUNNING', startDate: new Date('2025-03-01T10:00:00.000Z'), history: [] });
    }
    return { executionArn: `${EXECUTION_ARN_PREFIX}${name}`, startDate: executions.get(name)?.startDate };
  });
  client.on(DescribeExecutionCommand).callsFake(async ({ executionArn }) => {
    const execution = executions.get(nameOf(executionArn));
    if (execution === undefined) throw notFound(executionArn);
    const { history: _history, ...described } = execution;
    return { executionArn, stateMachineArn: STATE_MACHINE_ARN, name: nameOf(executionArn), ...described };
  });
  client.on(GetExecutionHistoryCommand).callsFake(async ({ executionArn, reverseOrder, maxResults = 1000 }) => {
    const execution = executions.get(nameOf(executionArn));
    if (execution === undefined) throw notFound(executionArn);
    const events = reverseOrder ? [...execution.history].reverse() : execution.history;
    return { events: events.slice(0, maxResults) };
  });
  return { client, executions };
}

/** A Check step's TaskSucceeded event as a lambda:invoke task records it (payload wrapped). */
export function checkSucceededEvent(id: number, run: unknown): HistoryEvent {
  return {
    id,
    timestamp: new Date('2025-03-01T10:05:00.000Z'),
    type: 'TaskSucceeded',
    taskSucceededEventDetails: {
      resource: 'invoke',
      resourceType: 'lambda',
      output: JSON.stringify({ ExecutedVersion: '$LATEST', Payload: run, StatusCode: 200 }),
    },
  };
}

/** A run state as an execution carries it after Submit (a run started 2025-03-01 10:00), with `overrides`. */
export function submittedRunState(runId: string, overrides: Partial<RunState>): RunState {
  return {
    runId,
    submittedAt: '2025-03-01T10:00:01.000Z',
    deadline: '2025-03-01T11:00:01.000Z',
    poll: { iteration: 1, waitSeconds: 30, consecutiveFailures: 0, consecutiveRejections: 0 },
    ...overrides,
  };
}

/**
 * One local HTTP server standing in for the AWS APIs our Lambdas call, spoken the way the SDK
 * speaks them: Secrets Manager (JSON 1.1), Step Functions (JSON 1.0) and SNS (Query, XML answers).
 * A child process pointed at it with `AWS_ENDPOINT_URL` runs the deployed bundle unchanged.
 * DynamoDB is not here: dynalite is a real server for that.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readRequestBody } from '../../local/runtime/request-body.ts';

export interface StandInCall {
  /** `secretsmanager.GetSecretValue`, `AWSStepFunctions.StartExecution`, `sns.Publish`... */
  readonly operation: string;
  readonly input: Record<string, unknown>;
}

export interface AwsStandIn {
  readonly url: string;
  readonly calls: StandInCall[];
  close(): Promise<void>;
}

export interface AwsStandInOptions {
  /** SecretString by secret id (name or ARN). */
  readonly secrets: Readonly<Record<string, string>>;
}

export async function startAwsStandIn(options: AwsStandInOptions): Promise<AwsStandIn> {
  const calls: StandInCall[] = [];
  const executions: Executions = new Map();
  const server = createServer((request, response) => {
    void readRequestBody(request).then((body) => answer(request, body, response, options, calls, executions));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function answer(request: IncomingMessage, body: string, response: ServerResponse, options: AwsStandInOptions, calls: StandInCall[], executions: Executions): void {
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') {
    const input = JSON.parse(body || '{}') as Record<string, unknown>;
    const operation = target;
    calls.push({ operation, input });
    const [status, result] = jsonAnswer(operation, input, options, executions);
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(result));
    return;
  }
  const form = new URLSearchParams(body);
  const action = form.get('Action') ?? 'unknown';
  calls.push({ operation: `sns.${action}`, input: Object.fromEntries(form) });
  if (action !== 'Publish') {
    response.writeHead(400, { 'content-type': 'text/xml' }).end(queryError('InvalidAction', `the stand-in does not answer ${action}`));
    return;
  }
  response
    .writeHead(200, { 'content-type': 'text/xml' })
    .end(
      `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${randomUUID()}</MessageId></PublishResult>` +
        `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
    );
}

/** Executions the Step Functions stand-in started, by ARN: a StartExecution of the same name returns the first. */
type Executions = Map<string, Record<string, unknown>>;

function jsonAnswer(operation: string, input: Record<string, unknown>, options: AwsStandInOptions, executions: Executions): [number, unknown] {
  switch (operation) {
    case 'secretsmanager.GetSecretValue': {
      const id = String(input.SecretId);
      const value = options.secrets[id];
      if (value === undefined) return [400, { __type: 'ResourceNotFoundException', message: `Secrets Manager can't find the specified secret.` }];
      return [200, { ARN: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${id}-AbCdEf`, Name: id, SecretString: value, VersionId: randomUUID() }];
    }
    case 'AWSStepFunctions.StartExecution': {
      const executionArn = `${String(input.stateMachineArn).replace(':stateMachine:', ':execution:')}:${String(input.name)}`;
      const started = executions.get(executionArn) ?? { executionArn, stateMachineArn: input.stateMachineArn, name: input.name, input: input.input, status: 'RUNNING', startDate: Date.now() / 1000 };
      executions.set(executionArn, started);
      return [200, { executionArn, startDate: started.startDate }];
    }
    case 'AWSStepFunctions.DescribeExecution': {
      const execution = executions.get(String(input.executionArn));
      if (!execution) return [400, { __type: 'ExecutionDoesNotExist', message: `Execution Does Not Exist: '${String(input.executionArn)}'` }];
      return [200, execution];
    }
    case 'AWSStepFunctions.GetExecutionHistory':
      return [200, { events: [] }];
    default:
      return [400, { __type: 'UnknownOperationException', message: `the stand-in does not answer ${operation}` }];
  }
}

function queryError(code: string, message: string): string {
  return `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
}

/** Template tests: the webhook HTTP API, its Lambda, the Lambda's permissions and the per-flow secrets. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { webhookConfigFromFile } from '../../functions/webhook/webhook-env.ts';
import { webhookConfigOf } from '../../shared/config/config-subsets.ts';
import { DataworqStack } from '../../infra/dataworq-stack.ts';
import { loadConfig, parseConfig } from '../../shared/config/load.ts';
import { synthStack } from '../helpers/synth.ts';
import { WEBHOOK_FLOWS_YAML } from '../shared/webhook/webhook-test-kit.ts';

const CONFIG_YAML = `
webhook:
  throttle: { rateLimit: 25, burstLimit: 50 }
${WEBHOOK_FLOWS_YAML}`;

const configPath = join(mkdtempSync(join(tmpdir(), 'dwq-webhook-api-')), 'dataworq.yaml');
writeFileSync(configPath, CONFIG_YAML);
const config = loadConfig(configPath);
const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
const stack = new DataworqStack(app, 'DataworqRunner', { config, env: { account: '123456789012', region: 'eu-west-1' } });
const template = Template.fromStack(stack);

type Resource = { Properties: Record<string, any>; DependsOn?: string[] };
const resources = (type: string, from: Template = template) => from.findResources(type) as Record<string, Resource>;
const webhookFunction = () => {
  const found = Object.entries(resources('AWS::Lambda::Function')).find(([, fn]) => String(fn.Properties.Description).includes('webhook'));
  if (!found) throw new Error('no webhook Lambda');
  return { logicalId: found[0], props: found[1].Properties };
};
const stateMachineId = Object.keys(resources('AWS::StepFunctions::StateMachine'))[0]!;
const secretIdNamed = (name: string) => Object.entries(resources('AWS::SecretsManager::Secret')).find(([, secret]) => secret.Properties.Name === name)?.[0];

describe('Construct: WebhookApi', () => {
  it('routes ANY /flows/{flow}/runs, /runs, /runs/{runId} and /runs/{runId}/rerun to the webhook Lambda, payload format 2.0', () => {
    // Prepare
    const { logicalId } = webhookFunction();

    // Act
    const routes = Object.values(resources('AWS::ApiGatewayV2::Route')).map((route) => route.Properties);
    const integrations = Object.values(resources('AWS::ApiGatewayV2::Integration')).map((integration) => integration.Properties);
    const permissions = Object.values(resources('AWS::Lambda::Permission')).map((permission) => permission.Properties);

    // Assess
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(['ANY /flows/{flow}/runs', 'ANY /runs', 'ANY /runs/{runId}', 'ANY /runs/{runId}/rerun']);
    expect(routes.every((route) => route.AuthorizationType === 'NONE')).toBe(true);
    expect(integrations).toEqual([
      expect.objectContaining({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', IntegrationUri: { 'Fn::GetAtt': [logicalId, 'Arn'] } }),
    ]);
    expect(permissions.filter((permission) => permission.Principal === 'apigateway.amazonaws.com' && permission.FunctionName['Fn::GetAtt']?.[0] === logicalId)).toHaveLength(4);
  });

  it('throttles the default stage as the config says and logs access without any header', () => {
    // Act
    const [stage] = Object.values(resources('AWS::ApiGatewayV2::Stage')).map((resource) => resource.Properties);
    const format = String(stage!.AccessLogSettings.Format);
    const logGroupId = stage!.AccessLogSettings.DestinationArn['Fn::GetAtt'][0] as string;

    // Assess
    expect(stage).toMatchObject({ StageName: '$default', AutoDeploy: true, DefaultRouteSettings: { ThrottlingRateLimit: 25, ThrottlingBurstLimit: 50 } });
    expect(JSON.parse(format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status', routeKey: '$context.routeKey' });
    expect(format).not.toMatch(/header|authorization|signature/i);
    expect(resources('AWS::Logs::LogGroup')[logGroupId]?.Properties.RetentionInDays).toBe(30);
  });

  it('runs the webhook Lambda on Node 24 arm64 with the state machine and, in its config file, the secret names, never a value', () => {
    // Act
    const { props } = webhookFunction();
    const env = props.Environment.Variables as Record<string, unknown>;

    // Assess
    expect(props.Runtime).toBe('nodejs24.x');
    expect(props.Architectures).toEqual(['arm64']);
    expect(props.LoggingConfig).toMatchObject({ LogFormat: 'JSON' });
    expect(env.STATE_MACHINE_ARN).toEqual({ Ref: stateMachineId });
    expect(stack.webhookApi!.configFile.webhookSecrets).toEqual({
      'nightly-load': { signing: 'DataworqRunner/webhook/nightly-load/signing' },
      'hourly-sync': { token: 'DataworqRunner/webhook/hourly-sync/token' },
      'mixed-load': { signing: 'DataworqRunner/webhook/mixed-load/signing', token: 'DataworqRunner/webhook/mixed-load/token' },
    });
    expect(Object.keys(env).sort()).toEqual(['DWQ_SECRET_MAX_AGE_SECONDS', 'DWQ_STATE_TABLE', 'POWERTOOLS_SERVICE_NAME', 'STATE_MACHINE_ARN']);
  });

  it('gives the Lambda, as data, the webhook flows of the config validated at synth, which it reads back unchanged, and no subscriber address', () => {
    // Act
    const file = JSON.parse(JSON.stringify(stack.webhookApi!.configFile)) as unknown;
    const read = webhookConfigFromFile(file);

    // Assess
    expect(Object.keys(read.config.flows).sort()).toEqual(['hourly-sync', 'mixed-load', 'nightly-load']);
    expect(read.config.flows['nightly-load']).toEqual(JSON.parse(JSON.stringify(config.flows['nightly-load'])));
    expect(read.config.subscribers).toEqual([]);
    expect(read.secretNames['hourly-sync']).toEqual({ token: 'DataworqRunner/webhook/hourly-sync/token' });
    const shipped = loadConfig();
    const shippedFile = JSON.stringify(webhookConfigOf(shipped));
    expect(shipped.subscribers.length).toBeGreaterThan(0);
    for (const subscriber of shipped.subscribers) expect(shippedFile).not.toContain(subscriber.endpoint);
  });

  it('lets the Lambda start this state machine, describe its executions, read its secrets and the run ledger, nothing more', () => {
    // Prepare
    const { props } = webhookFunction();
    const roleId = props.Role['Fn::GetAtt'][0] as string;

    // Act
    const statements = Object.values(resources('AWS::IAM::Policy'))
      .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(roleId))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>);
    const actions = statements.flatMap((statement) => [statement.Action].flat());

    // Assess
    for (const action of actions) expect(action).not.toMatch(/\*/);
    expect(statements).toContainEqual({ Action: 'states:StartExecution', Effect: 'Allow', Resource: { Ref: stateMachineId } });
    expect(statements).toContainEqual({
      Action: ['states:DescribeExecution', 'states:GetExecutionHistory'],
      Effect: 'Allow',
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':states:eu-west-1:123456789012:execution:', { 'Fn::GetAtt': [stateMachineId, 'Name'] }, ':*']] },
    });
    const secretReads = statements.filter((statement) => [statement.Action].flat().includes('secretsmanager:GetSecretValue'));
    expect(secretReads.map((statement) => statement.Resource).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      ['hourly-sync/token', 'mixed-load/signing', 'mixed-load/token', 'nightly-load/signing'].map((name) => ({ Ref: secretIdNamed(`DataworqRunner/webhook/${name}`) })),
    );
    expect(new Set(actions)).toEqual(
      new Set(['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'states:StartExecution', 'states:DescribeExecution', 'states:GetExecutionHistory', 'secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret', 'dynamodb:GetItem', 'dynamodb:Query']),
    );
  });

  it('has Secrets Manager generate each flow credential its auth lists, so the template holds no value', () => {
    // Act
    const secrets = Object.values(resources('AWS::SecretsManager::Secret'))
      .map((secret) => secret.Properties)
      .filter((secret) => String(secret.Name).startsWith('DataworqRunner/webhook/'));
    const signing = secrets.find((secret) => secret.Name === 'DataworqRunner/webhook/nightly-load/signing');
    const token = secrets.find((secret) => secret.Name === 'DataworqRunner/webhook/hourly-sync/token');

    // Assess
    expect(secrets.map((secret) => secret.Name).sort()).toEqual([
      'DataworqRunner/webhook/hourly-sync/token',
      'DataworqRunner/webhook/mixed-load/signing',
      'DataworqRunner/webhook/mixed-load/token',
      'DataworqRunner/webhook/nightly-load/signing',
    ]);
    for (const secret of secrets) {
      expect(secret.SecretString).toBeUndefined();
      expect(secret.GenerateSecretString).toMatchObject({ ExcludePunctuation: true, IncludeSpace: false });
      expect(secret.GenerateSecretString.SecretStringTemplate).toBeUndefined();
    }
    expect(signing?.GenerateSecretString.PasswordLength).toBe(32);
    expect(signing?.Description).toMatch(/whsec_<this value>/);
    expect(token?.GenerateSecretString.PasswordLength).toBeGreaterThanOrEqual(40);
    expect(token?.Description).toMatch(/Authorization: Bearer/);
  });

  it('outputs the API URL and the name of each webhook secret', () => {
    // Act
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown; Description?: string }>;

    // Assess
    expect(outputs.WebhookApiUrl?.Value).toEqual({
      'Fn::Join': ['', ['https://', { Ref: Object.keys(resources('AWS::ApiGatewayV2::Api'))[0] }, '.execute-api.eu-west-1.', { Ref: 'AWS::URLSuffix' }, '/']],
    });
    expect(outputs.WebhookNightlyLoadSigningSecret?.Value).toBe('DataworqRunner/webhook/nightly-load/signing');
    expect(outputs.WebhookHourlySyncTokenSecret?.Value).toBe('DataworqRunner/webhook/hourly-sync/token');
    expect(outputs.WebhookMixedLoadSigningSecret?.Value).toBe('DataworqRunner/webhook/mixed-load/signing');
    expect(outputs.WebhookMixedLoadTokenSecret?.Value).toBe('DataworqRunner/webhook/mixed-load/token');
  });

  it('creates no API, webhook Lambda or webhook secret when no flow has a webhook', () => {
    // Prepare
    const noWebhooks = parseConfig('flows:\n  adhoc:\n    flowId: 2932ca30-8871-48b1-8e9b-90b744020b68\n', 'no webhooks');

    // Act
    const { stack: bareStack, template: bare } = synthStack(noWebhooks);

    // Assess
    expect(bareStack.webhookApi).toBeUndefined();
    expect(bare.findResources('AWS::ApiGatewayV2::Api')).toEqual({});
    expect(Object.values(resources('AWS::Lambda::Function', bare)).map((fn) => fn.Properties.Description)).not.toContain(webhookFunction().props.Description);
    expect(Object.keys(bare.toJSON().Outputs)).not.toContain('WebhookApiUrl');
  });
});

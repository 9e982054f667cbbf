/** Template tests: what `cdk synth` produces from the shipped config. */
import aslValidator from 'asl-validator';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { definitionFromTemplateValue } from '../../local/runtime/definition.ts';
import { parseConfig } from '../../shared/config/load.ts';
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG_PATH } from '../../shared/config/load.ts';
import { RUN_FLOW_STATES } from '../../shared/run/states.ts';
import { synthStack } from '../helpers/synth.ts';

const { template } = synthStack();
const resources = (type: string) => template.findResources(type) as Record<string, { Properties: Record<string, any> }>;

function lambdaByDescription(fragment: string) {
  const found = Object.entries(resources('AWS::Lambda::Function')).find(([, fn]) => String(fn.Properties.Description).includes(fragment));
  if (!found) throw new Error(`no Lambda whose description contains ${fragment}`);
  return { logicalId: found[0], props: found[1].Properties };
}

function policyStatementsOf(roleLogicalId: string) {
  return Object.values(resources('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(roleLogicalId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>);
}

describe('DataworqStack', () => {
  it('defines one Standard state machine whose definition passes asl-validator', () => {
    // Prepare
    const machines = resources('AWS::StepFunctions::StateMachine');
    // Act
    const [machine] = Object.values(machines);
    const definition = definitionFromTemplateValue(machine!.Properties.DefinitionString);
    const result = aslValidator(definition);
    // Assess
    expect(Object.keys(machines)).toHaveLength(1);
    expect(machine!.Properties.StateMachineType).toBe('STANDARD');
    expect(result.errorsText()).toBe('');
    expect(result.isValid).toBe(true);
    expect(Object.keys(definition.States).sort()).toEqual(['Check', 'CheckCrashed', 'Done', 'Finished?', 'NextAttempt', 'Notify', 'Retry?', 'RetryWait', 'Submit', 'SubmitCrashed', 'Wait']);
    // Local mode and the tests map Task states by these names.
    expect(Object.keys(definition.States).sort()).toEqual(Object.values(RUN_FLOW_STATES).sort());
    expect(definition.States.Wait).toMatchObject({ Type: 'Wait', SecondsPath: '$.run.poll.waitSeconds' });
    expect(definition.QueryLanguage ?? 'JSONPath').toBe('JSONPath');
  });

  it('retries the Notify publish with jittered backoff and has no catch, so a lost alert fails the execution', () => {
    const [machine] = Object.values(resources('AWS::StepFunctions::StateMachine'));
    const notify = definitionFromTemplateValue(machine!.Properties.DefinitionString).States.Notify as Record<string, any>;
    expect(notify.Retry).toEqual(expect.arrayContaining([expect.objectContaining({ ErrorEquals: ['AlertPublishError'], JitterStrategy: 'FULL', MaxAttempts: 6 })]));
    expect(notify.Catch).toBeUndefined();
  });

  it('passes Notify the execution ARN, for the alert\'s console link', () => {
    const [machine] = Object.values(resources('AWS::StepFunctions::StateMachine'));
    const notify = definitionFromTemplateValue(machine!.Properties.DefinitionString).States.Notify as Record<string, any>;
    expect(notify.Parameters).toMatchObject({ 'executionId.$': '$$.Execution.Id', 'run.$': '$.run' });
  });

  it.each([
    ['Starts a DataWORQ flow', 'submit'],
    ['Checks a DataWORQ job', 'check'],
    ['Publishes the run outcome', 'notify'],
  ])('runs the %s Lambda on Node 24, arm64, with JSON logs and a log retention', (description) => {
    const { props } = lambdaByDescription(description);
    expect(props.Runtime).toBe('nodejs24.x');
    expect(props.Architectures).toEqual(['arm64']);
    expect(props.LoggingConfig).toMatchObject({ LogFormat: 'JSON' });
    expect(props.TracingConfig).toEqual({ Mode: 'Active' });
    const logGroupId = props.LoggingConfig.LogGroup.Ref as string;
    expect(resources('AWS::Logs::LogGroup')[logGroupId]?.Properties.RetentionInDays).toBe(30);
  });

  it('gives Submit and Check the connector settings and the secret name, never a key', () => {
    for (const description of ['Starts a DataWORQ flow', 'Checks a DataWORQ job']) {
      const env = lambdaByDescription(description).props.Environment.Variables;
      expect(env).toMatchObject({ DWQ_TRANSPORT: 'cloud-connector', DWQ_BASE_URL: 'https://api.quebit.com', DWQ_CONNECTOR_SECRET: 'DataworqRunner/connector', DWQ_TIMEOUT_MS: '10000' });
      expect(Object.keys(env).filter((key) => /KEY|TOKEN|PASSWORD/i.test(key))).toEqual([]);
    }
    const notifyEnv = lambdaByDescription('Publishes the run outcome').props.Environment.Variables;
    expect(notifyEnv.DWQ_ALERTS_TOPIC_ARN).toEqual({ Ref: expect.stringMatching(/AlertsTopic/) });
  });

  it('grants least privilege: no wildcard actions, secret read for Submit/Check only, publish on the alerts topic alone', () => {
    const roleOf = (description: string) => lambdaByDescription(description).props.Role['Fn::GetAtt'][0] as string;
    const actionsOf = (description: string) => policyStatementsOf(roleOf(description)).flatMap((s) => [s.Action].flat());
    for (const description of ['Starts a DataWORQ flow', 'Checks a DataWORQ job', 'Publishes the run outcome']) {
      for (const action of actionsOf(description)) expect(action).not.toMatch(/\*$/);
    }
    expect(actionsOf('Starts a DataWORQ flow')).toEqual(expect.arrayContaining(['secretsmanager:GetSecretValue']));
    // Submit and Check publish one alert only: the connector incident's recovery, when their call closes it.
    const publishResources = (description: string) =>
      policyStatementsOf(roleOf(description)).filter((s) => [s.Action].flat().includes('sns:Publish')).map((s) => s.Resource);
    for (const description of ['Starts a DataWORQ flow', 'Checks a DataWORQ job']) {
      expect(publishResources(description)).toEqual([{ Ref: expect.stringMatching(/AlertsTopic/) }]);
    }
    expect(actionsOf('Publishes the run outcome')).toContain('sns:Publish');
    expect(actionsOf('Publishes the run outcome')).not.toContain('secretsmanager:GetSecretValue');
    const stateMachineRole = Object.values(resources('AWS::StepFunctions::StateMachine'))[0]!.Properties.RoleArn['Fn::GetAtt'][0] as string;
    const machineActions = policyStatementsOf(stateMachineRole).flatMap((s) => [s.Action].flat());
    expect(machineActions).toContain('lambda:InvokeFunction');
    for (const action of machineActions) expect(action).not.toBe('*');
  });

  it('creates the connector secret empty, with instructions, so the template holds no value', () => {
    const secrets = Object.values(resources('AWS::SecretsManager::Secret'));
    const connector = secrets.find((secret) => secret.Properties.Name === 'DataworqRunner/connector');
    expect(connector).toBeDefined();
    expect(connector!.Properties.SecretString).toBeUndefined();
    expect(connector!.Properties.GenerateSecretString).toBeUndefined();
    expect(connector!.Properties.Description).toMatch(/"apiKey".*"userApiKey"/);
  });

  it('imports an existing connector secret named in the config instead of creating one', () => {
    const text = readFileSync(DEFAULT_CONFIG_PATH, 'utf8').replace('# secret: dataworq/connector', 'secret: prod/dataworq-keys');
    const { template: imported } = synthStack(parseConfig(text));
    const names = Object.values(imported.findResources('AWS::SecretsManager::Secret')).map((s: any) => s.Properties.Name);
    expect(names).not.toContain('DataworqRunner/connector');
    const submit = Object.values(imported.findResources('AWS::Lambda::Function')).find((fn: any) => String(fn.Properties.Description).startsWith('Starts'));
    expect((submit as any).Properties.Environment.Variables.DWQ_CONNECTOR_SECRET).toBe('prod/dataworq-keys');
  });

  it('encrypts the alerts topic with a key CloudWatch may use, and refuses publishes without TLS', () => {
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' } })]) },
    });
  });

  it('subscribes each configured email and SMS subscriber with a filter policy on outcome and flow', () => {
    const subscriptions = Object.values(resources('AWS::SNS::Subscription')).map((s) => s.Properties);
    const email = subscriptions.find((s) => s.Protocol === 'email');
    const sms = subscriptions.find((s) => s.Protocol === 'sms');
    expect(email?.FilterPolicy.outcome).toEqual(expect.arrayContaining(['COMPLETED', 'ERROR']));
    expect(sms?.FilterPolicy.outcome).not.toContain('COMPLETED');
    expect(sms?.FilterPolicy.outcome).toEqual(expect.arrayContaining(['ERROR', 'LOST', 'RECOVERED']));
    expect(sms?.Endpoint).toMatch(/^\+\d+$/);
  });
});

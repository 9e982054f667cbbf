/**
 * The AwsSolutions pack of cdk-nag over the whole stack: synthesis fails on any finding that is
 * not acknowledged, and every acknowledgement carries its reason.
 */
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataworqStack } from '../../infra/dataworq-stack.ts';
import { NAG_REASONS } from '../../infra/nag-acknowledgements.ts';
import { loadConfig } from '../../shared/config/load.ts';
import { synthStack } from '../helpers/synth.ts';

function checkedApp(): { app: App; stack: DataworqStack } {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new DataworqStack(app, 'DataworqRunner', { config: loadConfig(), env: { account: '123456789012', region: 'eu-west-1' } });
  return { app, stack };
}

function acknowledgements(stack: Stack): { path: string; id: string; reason: unknown }[] {
  return stack.node.findAll().flatMap((node) =>
    node.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, unknown>).map(([id, reason]) => ({ path: node.node.path, id, reason }))),
  );
}

describe('cdk-nag AwsSolutions', () => {
  let checked: ReturnType<typeof checkedApp>;
  beforeAll(() => {
    checked = checkedApp();
  });

  it('synthesizes the stack with no unacknowledged finding', () => {
    // Act
    const synth = () => checked.app.synth();

    // Assess
    expect(synth).not.toThrow();
  });

  it('gives every acknowledgement one of the written reasons, on a construct of this stack', () => {
    // Act
    const acknowledged = acknowledgements(checked.stack);

    // Assess
    expect(acknowledged.length).toBeGreaterThan(0);
    const reasons: readonly unknown[] = Object.values(NAG_REASONS);
    for (const { id, reason } of acknowledged) {
      expect(id).toMatch(/^Annotation::AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(reasons).toContain(reason);
    }
    for (const reason of Object.values(NAG_REASONS)) expect(reason.length).toBeGreaterThan(80);
  });

  it('acknowledges nothing with a bare rule id where the rule reports per finding', () => {
    // Act
    const ids = acknowledgements(checked.stack).map(({ id }) => id.replace(/^Annotation::/, ''));

    // Assess: IAM4/IAM5 acknowledged one finding at a time, so a new wildcard is still reported.
    expect(ids.filter((id) => /^AwsSolutions-IAM[45]$/.test(id))).toEqual([]);
  });

  it('fails synthesis when a resource with a finding is added without an acknowledgement', () => {
    // Prepare: a topic without encryption or TLS-only publish (SNS2, SNS3).
    const { app, stack } = checkedApp();
    new sns.Topic(stack, 'CarelessTopic');

    // Act
    const synth = () => app.synth();

    // Assess
    expect(synth).toThrow(/DataworqRunner\/CarelessTopic[\s\S]*AwsSolutions-SNS3/);
  });
});

describe('Alerts topic policy', () => {
  it('encrypts both topics with the alerts key and denies publishes that do not use TLS', () => {
    // Prepare
    const { template } = synthStack();

    // Assess
    const topics = template.findResources('AWS::SNS::Topic');
    expect(Object.keys(topics)).toHaveLength(2);
    for (const topic of Object.values(topics) as { Properties: { KmsMasterKeyId?: unknown } }[]) {
      expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^AlertsKey/), 'Arn'] });
    }
    expect(Object.keys(template.findResources('AWS::SNS::TopicPolicy'))).toHaveLength(2);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Deny',
            Action: 'sns:Publish',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            Principal: '*',
          },
        ],
      },
    });
  });
});

/** Template tests: one secret per webhook caller and method, and read access that stays small however many there are. */
import { describe, expect, it } from 'vitest';
import { GRANT_BY_PREFIX_ABOVE } from '../../infra/constructs/webhook-secrets.ts';
import type { Template } from 'aws-cdk-lib/assertions';
import { parseConfig } from '../../shared/config/load.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import { fixedMonthlyCost } from '../../shared/cost/fixed-cost.ts';
import { scaleConfig } from '../../bench/scale-config.ts';
import { synthStack } from '../helpers/synth.ts';

type Resource = { Properties: Record<string, any> };

const config = parseConfig(`
webhook:
  callers:
    - { name: planning, auth: signature, flows: [load-a, load-b] }
    - { name: reporting, auth: bearer, flows: "*" }
flows:
  load-a: { flowId: 2932ca30-8871-48b1-8e9b-90b744020b68, webhook: {} }
  load-b: { flowId: 54d9d784-e574-4160-9f44-6fb95317fecb, webhook: {} }
  legacy: { flowId: b4b834b0-1f73-4c8b-aa74-a54610483241, webhook: { auth: [signature] } }
`, 'callers template config');
const { stack, template } = synthStack(config);
const secretNames = (from = template) => Object.values(from.findResources('AWS::SecretsManager::Secret') as Record<string, Resource>).map((secret) => secret.Properties.Name as string);

/** What `dwq cost` counts is what the stack builds: secrets, keys, alarms and dashboards. */
function expectFixedCostCounts(config: DwqConfig, synthesized: Template): void {
  const cost = fixedMonthlyCost(config);
  const count = (what: string) => cost.items.filter((item) => item.what.startsWith(what)).reduce((sum, item) => sum + item.count, 0);
  const resources = (type: string) => Object.keys(synthesized.findResources(type)).length;
  expect(count('Secrets Manager')).toBe(resources('AWS::SecretsManager::Secret'));
  expect(count('KMS')).toBe(resources('AWS::KMS::Key'));
  expect(count('CloudWatch alarms')).toBe(resources('AWS::CloudWatch::Alarm'));
  expect(count('CloudWatch dashboards')).toBe(resources('AWS::CloudWatch::Dashboard'));
}

describe('Construct: WebhookSecrets with named callers', () => {
  it("creates one secret per caller, not per flow, and keeps a flow's own secret under its old name", () => {
    // Act
    const names = secretNames().filter((name) => name.includes('/webhook/')).sort();

    // Assess
    expect(names).toEqual([
      'DataworqRunner/webhook/callers/planning/signing',
      'DataworqRunner/webhook/callers/reporting/token',
      'DataworqRunner/webhook/legacy/signing',
    ]);
    expect(stack.webhookApi!.configFile.webhookSecrets).toEqual({
      'caller:planning': { signing: 'DataworqRunner/webhook/callers/planning/signing' },
      'caller:reporting': { token: 'DataworqRunner/webhook/callers/reporting/token' },
      legacy: { signing: 'DataworqRunner/webhook/legacy/signing' },
    });
  });

  it('tells the operator, in each secret and in the outputs, which caller it is and which flows it opens', () => {
    // Act
    const secrets = Object.values(template.findResources('AWS::SecretsManager::Secret') as Record<string, Resource>).map((secret) => secret.Properties);
    const outputs = template.findOutputs('*') as Record<string, { Value: unknown; Description: string }>;

    // Assess
    expect(secrets.find((secret) => secret.Name.endsWith('planning/signing'))?.Description).toMatch(/caller planning \(flows: load-a, load-b\).*whsec_/);
    expect(outputs['WebhookCallerPlanningSigningSecret']).toMatchObject({ Value: 'DataworqRunner/webhook/callers/planning/signing' });
    expect(outputs['WebhookCallerReportingTokenSecret']?.Description).toMatch(/caller reporting.*Bearer/);
    expect(outputs['WebhookLegacySigningSecret']).toMatchObject({ Value: 'DataworqRunner/webhook/legacy/signing' });
  });

  it('keeps 1,000 flows at the three secrets of their callers, and counts the fixed cost from the same resources', () => {
    // Prepare
    const large = scaleConfig(1000);

    // Act
    const synthesized = synthStack(large).template;
    const webhookSecrets = secretNames(synthesized).filter((name) => name.includes('/webhook/'));

    // Assess
    expect(webhookSecrets).toHaveLength(3);
    expectFixedCostCounts(large, synthesized);
  }, 120_000);

  it('counts, for chat and webhook subscribers, the delivery function, its queue alarm and the signing secret the stack generates', () => {
    // Prepare
    const withDelivery = parseConfig(`
flows:
  load-a: { flowId: 2932ca30-8871-48b1-8e9b-90b744020b68, schedules: [{ name: nightly, expression: cron(0 2 * * ? *) }] }
subscribers:
  - { name: data-team, slack: { webhookSecret: dataworq/slack-data-team } }
  - { name: incident-hook, webhook: https://hooks.example.com/dataworq }
`, 'delivery subscribers');

    // Act
    const synthesized = synthStack(withDelivery).template;

    // Assess
    expect(fixedMonthlyCost(withDelivery).items.find((item) => item.what.includes('webhook subscribers'))?.count).toBe(1);
    expectFixedCostCounts(withDelivery, synthesized);
  }, 120_000);

  it(`grants the webhook read on its secrets' name prefix once there are more than ${GRANT_BY_PREFIX_ABOVE}, so its policy stays small`, () => {
    // Prepare
    const many = parseConfig(`flows:\n${Array.from({ length: GRANT_BY_PREFIX_ABOVE + 1 }, (_, i) => `  f${i}: { flowId: 2932ca30-8871-48b1-8e9b-${String(i).padStart(12, '0')}, webhook: {} }`).join('\n')}\n`, 'many own secrets');

    // Act
    const policies = Object.values(synthStack(many).template.findResources('AWS::IAM::Policy') as Record<string, Resource>);
    const reads = policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string[] | string; Resource: unknown }>)
      .filter((statement) => [statement.Action].flat().includes('secretsmanager:GetSecretValue'));

    // Assess
    expect(reads.some((statement) => JSON.stringify(statement.Resource).includes(':secret:DataworqRunner/webhook/*'))).toBe(true);
    expect(JSON.stringify(reads).length).toBeLessThan(2000);
  });
});

/** Template tests: one secret per webhook caller and method, and read access that stays small however many there are. */
import { describe, expect, it } from 'vitest';
import { GRANT_BY_PREFIX_ABOVE } from '../../infra/constructs/webhook-secrets.ts';
import { parseConfig } from '../../shared/config/load.ts';
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
    const cost = fixedMonthlyCost(large);
    const count = (what: string) => cost.items.filter((item) => item.what.startsWith(what)).reduce((sum, item) => sum + item.count, 0);

    // Assess
    expect(webhookSecrets).toHaveLength(3);
    expect(count('Secrets Manager')).toBe(Object.keys(synthesized.findResources('AWS::SecretsManager::Secret')).length);
    expect(count('KMS')).toBe(Object.keys(synthesized.findResources('AWS::KMS::Key')).length);
    expect(count('CloudWatch alarms')).toBe(Object.keys(synthesized.findResources('AWS::CloudWatch::Alarm')).length);
    expect(count('CloudWatch dashboards')).toBe(Object.keys(synthesized.findResources('AWS::CloudWatch::Dashboard')).length);
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

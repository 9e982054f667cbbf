/** The limits a large deployment could pass, named with the number and the fix before anything deploys. */
import { describe, expect, it } from 'vitest';
import { scaleConfig } from '../../../bench/scale-config.ts';
import { assertConfigWithinLimits, configLimitProblems, LIMITS, RUN_STATE_BYTES, templateLimitProblems } from '../../../shared/config/deployment-limits.ts';
import { MAX_WEBHOOK_BODY_BYTES } from '../../../shared/config/schema.ts';
import { parseConfig } from '../../../shared/config/load.ts';
import { DeploymentLimitError } from '../../../shared/errors.ts';

const ownSecrets = (flows: number, auth = '[signature, bearer]') =>
  parseConfig(`flows:\n${Array.from({ length: flows }, (_, i) => `  f${i}: { flowId: 2932ca30-8871-48b1-8e9b-${String(i).padStart(12, '0')}, webhook: { auth: ${auth} } }`).join('\n')}\n`, 'own secrets');

describe('Function: configLimitProblems', () => {
  it('finds nothing to say about 1,000 flows whose callers share credentials', () => {
    expect(configLimitProblems(scaleConfig(1000))).toEqual([]);
  });

  it('names the resource and output limits, the number and the fix when 200 flows each hold two secrets', () => {
    // Act
    const problems = configLimitProblems(ownSecrets(200));

    // Assess
    expect(problems).toContainEqual(expect.stringMatching(/^CloudFormation allows 500 resources per stack: 400 webhook secrets bring the main stack to about 540; 200 flows have credentials of their own \(webhook\.auth\): give them shared named callers instead \(webhook\.callers/));
    expect(problems).toContainEqual(expect.stringMatching(/^CloudFormation allows 200 outputs per stack: 400 webhook secrets make about 420/));
  });

  it("leaves a run's state room under Step Functions' input limit at the largest webhook body the schema accepts", () => {
    // Prepare
    const config = parseConfig(`webhook: { maxBodyBytes: ${MAX_WEBHOOK_BODY_BYTES} }\nflows:\n  a: { flowId: 2932ca30-8871-48b1-8e9b-90b744020b68, webhook: {} }\n`, 'big body');

    // Act
    const problems = configLimitProblems(config);

    // Assess
    expect(problems).toEqual([]);
    expect(MAX_WEBHOOK_BODY_BYTES + RUN_STATE_BYTES).toBeLessThanOrEqual(LIMITS.stepFunctionsPayloadBytes);
  });

  it('throws a DeploymentLimitError whose message says the config would not deploy, without a stack of detail', () => {
    // Act
    const thrown = (() => {
      try {
        assertConfigWithinLimits(ownSecrets(200), 'config/dataworq.yaml');
      } catch (error) {
        return error;
      }
      return undefined;
    })();

    // Assess
    expect(thrown).toBeInstanceOf(DeploymentLimitError);
    expect((thrown as Error).message).toMatch(/^config\/dataworq\.yaml would not deploy: it passes 2 limits:\n {2}- CloudFormation allows 500 resources/);
  });
});

describe('Function: templateLimitProblems', () => {
  it('names the stack, its count and the limit for resources, bytes and a Lambda environment', () => {
    // Prepare
    const resources = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`R${i}`, { Type: 'AWS::SQS::Queue' }]));
    const fn = { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: { BIG: 'x'.repeat(5000) } } } };

    // Act
    const problems = templateLimitProblems([
      { name: 'Main', bytes: 1_200_000, template: { Resources: resources } },
      { name: 'Small', bytes: 1000, template: { Resources: { Fn: fn } } },
    ]);

    // Assess
    expect(problems).toContainEqual(expect.stringMatching(/^CloudFormation allows 500 resources per stack: Main has 501;/));
    expect(problems).toContainEqual(expect.stringMatching(/^CloudFormation allows 1000000 bytes of template: Main is 1200000;/));
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^Lambda allows ${LIMITS.lambdaEnvironmentBytes} bytes of environment: Fn in Small has about 5003;`)));
  });
});

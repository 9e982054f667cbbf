import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_POLICY } from '../../../shared/alerts/alert-policy.ts';
import { ConfigError } from '../../../shared/config/config-error.ts';
import { parseConfig } from '../../../shared/config/load.ts';
import { resolveRunFlow } from '../../../shared/config/resolve.ts';

const FLOW = 'flows:\n  demo-load:\n    flowId: 2932ca30-8871-48b1-8e9b-90b744020b68\n';
const OTHER = '  nightly-sales:\n    flowId: 0b8e6a52-9c3d-4f1e-8a7b-5c6d7e8f9a0b\n';

function issuesOf(text: string): readonly string[] {
  const error = (() => {
    try {
      parseConfig(text, 'test.yaml');
    } catch (caught) {
      return caught;
    }
    throw new Error('expected the config to be rejected');
  })();
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).issues;
}

describe('Config: alerts', () => {
  it('applies the default policy and the per-protocol failure choices when nothing is said', () => {
    // Act
    const config = parseConfig(`${FLOW}subscribers:\n  - { name: ops, email: ops@example.com }\n  - { name: oncall, sms: "+15555550100" }\n`);

    // Assess
    expect(config.alerts).toEqual({ quietPeriodSeconds: 3600, remindAt: [5, 10, 20] });
    expect(config.alerts).toEqual(DEFAULT_ALERT_POLICY);
    expect(config.flows['demo-load']?.alerts).toEqual(DEFAULT_ALERT_POLICY);
    expect(config.subscribers.map((subscriber) => subscriber.failures)).toEqual(['reminders', 'first']);
  });

  it("lays a flow's own keys over the top-level policy, key by key", () => {
    // Prepare
    const text = `alerts: { quietPeriod: 2h, remindAt: [20, 3, 3] }\n${FLOW}    alerts: { quietPeriod: 15m }\n${OTHER}`;

    // Act
    const config = parseConfig(text);

    // Assess
    expect(config.alerts).toEqual({ quietPeriodSeconds: 7200, remindAt: [3, 20] });
    expect(config.flows['demo-load']?.alerts).toEqual({ quietPeriodSeconds: 900, remindAt: [3, 20] });
    expect(config.flows['nightly-sales']?.alerts).toEqual({ quietPeriodSeconds: 7200, remindAt: [3, 20] });
  });

  it('sends a policy with the run only when it differs from the default', () => {
    // Prepare
    const config = parseConfig(`${FLOW}    alerts: { remindAt: [] }\n${OTHER}`);

    // Act
    const own = resolveRunFlow(config, 'demo-load');
    const plain = resolveRunFlow(config, 'nightly-sales');

    // Assess
    expect(own.alerts).toEqual({ quietPeriodSeconds: 3600, remindAt: [] });
    expect('alerts' in plain).toBe(false);
  });

  it.each([
    ['a quiet period under a minute', `alerts: { quietPeriod: 30s }\n${FLOW}`, 'alerts.quietPeriod: must be between 1m and 7d (got 30s)'],
    ['a quiet period in weeks', `${FLOW}    alerts: { quietPeriod: 2w }\n`, 'flows.demo-load.alerts.quietPeriod: must be a duration such as "45s"'],
    ['a reminder at the first failure', `${FLOW}    alerts: { remindAt: [5, 1] }\n`, 'flows.demo-load.alerts.remindAt[1]: must be 2 or more: the first failure of a streak is always alerted'],
    ['a fractional reminder count', `alerts: { remindAt: [2.5] }\n${FLOW}`, 'alerts.remindAt[0]: must be a whole number of failures in a row'],
    ['a misspelt key', `alerts: { quietperiod: 1h }\n${FLOW}`, "alerts: unknown key 'quietperiod'; did you mean 'quietPeriod'?"],
    ['an unknown failures choice', `${FLOW}subscribers:\n  - { name: ops, email: ops@example.com, failures: all }\n`, "subscribers[0].failures: must be one of first, reminders, every (got 'all')"],
  ])('rejects %s, naming the path and the fix', (_label, text, issue) => {
    // Act
    const issues = issuesOf(text);

    // Assess
    expect(issues).toContainEqual(expect.stringContaining(issue));
  });
});

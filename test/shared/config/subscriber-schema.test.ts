/** Alert subscribers in the config: exactly one channel key, and the channel's defaults. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../shared/config/config-error.ts';
import { parseConfig } from '../../../shared/config/load.ts';

const FLOW_ID = '2932ca30-8871-48b1-8e9b-90b744020b68';

/** A valid one-flow config with `flowBody` appended under the flow and `tail` at the top level. */
function configWith(flowBody = '', tail = ''): string {
  return `flows:\n  demo-load:\n    flowId: ${FLOW_ID}\n${flowBody}${tail}`;
}

function issuesOf(text: string): readonly string[] {
  try {
    parseConfig(text, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    for (const issue of configError.issues) expect(configError.message).toContain(issue);
    return configError.issues;
  }
  throw new Error('expected the config to be rejected');
}

const mistakes: ReadonlyArray<{ readonly mistake: string; readonly text: string; readonly path: string; readonly says: string }> = [
  { mistake: 'a subscriber with both email and sms', text: configWith('', 'subscribers:\n  - { name: ops, email: ops@example.com, sms: "+15555550100" }\n'), path: 'subscribers[0]', says: 'has both email and sms; set exactly one' },
  { mistake: 'a subscriber with a bad phone number', text: configWith('', 'subscribers:\n  - { name: oncall, sms: 555-0100 }\n'), path: 'subscribers[0].sms', says: 'must be an E.164 phone number' },
  { mistake: 'an unquoted phone number', text: configWith('', 'subscribers:\n  - { name: oncall, sms: +15555550100 }\n'), path: 'subscribers[0].sms', says: 'must be quoted' },
  { mistake: 'an unknown outcome', text: configWith('', 'subscribers:\n  - { name: ops, email: ops@example.com, outcomes: [ERROR, FAILED] }\n'), path: 'subscribers[0].outcomes[1]', says: "(got 'FAILED')" },
  { mistake: 'duplicate subscriber names', text: configWith('', 'subscribers:\n  - { name: ops, email: a@example.com }\n  - { name: ops, email: b@example.com }\n'), path: 'subscribers[1].name', says: "duplicate subscriber name 'ops'" },
  { mistake: 'a subscriber with no channel key', text: configWith('', 'subscribers:\n  - { name: ops }\n'), path: 'subscribers[0]', says: 'needs an email or an sms key' },
  { mistake: '"*" beside flow names', text: configWith('', 'subscribers:\n  - { name: ops, email: ops@example.com, flows: ["*", demo-load] }\n'), path: 'subscribers[0].flows', says: '"*" already means every flow' },
];

describe('subscriberSchema', () => {
  it.each(mistakes)('rejects $mistake, naming the path', ({ text, path, says }) => {
    // Act
    const issues = issuesOf(text);

    // Assess
    expect(issues).toContainEqual(expect.stringMatching(new RegExp(`^${escape(path)}: `)));
    expect(issues.find((issue) => issue.startsWith(`${path}: `))).toContain(says);
  });

  it('derives protocol, endpoint and default outcomes for subscribers', () => {
    // Prepare
    const text = configWith('', 'subscribers:\n  - { name: ops, email: ops@example.com }\n  - { name: oncall, sms: "+15555550100", flows: [demo-load] }\n');

    // Act
    const [email, sms] = parseConfig(text).subscribers;

    // Assess
    expect(email).toEqual({
      name: 'ops',
      protocol: 'email',
      endpoint: 'ops@example.com',
      outcomes: ['COMPLETED', 'ERROR', 'CANCELLED', 'TIMED_OUT', 'SUBMIT_FAILED', 'LOST', 'RECOVERED', 'CONNECTOR_DOWN', 'CONNECTOR_RECOVERED'],
      flows: ['demo-load'],
      allFlows: true,
      failures: 'reminders',
      attempts: 'final',
      alarms: true,
    });
    expect(sms).toMatchObject({ protocol: 'sms', endpoint: '+15555550100', flows: ['demo-load'], allFlows: false });
    expect(sms?.outcomes).toEqual(['ERROR', 'CANCELLED', 'TIMED_OUT', 'SUBMIT_FAILED', 'LOST', 'RECOVERED', 'CONNECTOR_DOWN', 'CONNECTOR_RECOVERED']);
    expect(sms?.alarms).toBe(false);
  });

  it('lets each subscriber choose whether it receives the operational alarms', () => {
    // Prepare
    const text = configWith('', 'subscribers:\n  - { name: quiet, email: ops@example.com, alarms: false }\n  - { name: pager, sms: "+15555550100", alarms: true }\n');

    // Act
    const [email, sms] = parseConfig(text).subscribers;

    // Assess
    expect(email?.alarms).toBe(false);
    expect(sms?.alarms).toBe(true);
    expect(() => parseConfig(configWith('', 'subscribers:\n  - { name: x, email: ops@example.com, alarms: "yes" }\n'))).toThrow(/subscribers\[0\]\.alarms: must be true or false/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

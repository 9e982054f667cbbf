/** webhook.callers: named credential holders, each limited to flows that have a webhook. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../shared/config/load.ts';
import { issuesOf } from './support/config-text.ts';

const FLOWS = `
flows:
  load-a: { flowId: 2932ca30-8871-48b1-8e9b-90b744020b68, webhook: {} }
  load-b: { flowId: 54d9d784-e574-4160-9f44-6fb95317fecb, webhook: { auth: [bearer] } }
  quiet: { flowId: b4b834b0-1f73-4c8b-aa74-a54610483241 }
`;

describe('Schema: webhook.callers', () => {
  it('expands "*" to every flow with a webhook and defaults auth to signature', () => {
    // Act
    const config = parseConfig(`webhook:\n  callers:\n    - { name: everyone, flows: "*" }\n${FLOWS}`, 'test');

    // Assess
    expect(config.webhook.callers).toEqual([{ name: 'everyone', auth: 'signature', flows: ['load-a', 'load-b'] }]);
  });

  it("gives a flow no credentials of its own when a caller covers it and it names none, and keeps those it names", () => {
    // Act
    const covered = parseConfig(`webhook:\n  callers:\n    - { name: planning, auth: bearer, flows: [load-a, load-b] }\n${FLOWS}`, 'test');
    const uncovered = parseConfig(FLOWS, 'test');

    // Assess
    expect(covered.flows['load-a']?.webhook?.auth).toEqual([]);
    expect(covered.flows['load-b']?.webhook?.auth).toEqual(['bearer']);
    expect(uncovered.flows['load-a']?.webhook?.auth).toEqual(['signature']);
  });

  it('names an unknown flow and a flow without a webhook, each with its path and fix', () => {
    // Act
    const issues = issuesOf(`webhook:\n  callers:\n    - { name: planning, flows: [load-c, quiet] }\n${FLOWS}`);

    // Assess
    expect(issues).toContainEqual(expect.stringMatching(/webhook\.callers\[0\]\.flows\[0\].*unknown flow 'load-c' \(flows with a webhook: load-a, load-b\)/));
    expect(issues).toContainEqual(expect.stringMatching(/webhook\.callers\[0\]\.flows\[1\].*flow 'quiet' has no webhook: add `webhook: \{\}`/));
  });

  it('names a duplicate caller, an unknown auth and an empty flow list', () => {
    // Act
    const issues = issuesOf(`webhook:
  callers:
    - { name: planning, flows: [load-a] }
    - { name: planning, auth: token, flows: [] }
${FLOWS}`);

    // Assess
    expect(issues).toContainEqual(expect.stringMatching(/callers\[1\]\.auth.*must be signature or bearer \(got 'token'\)/));
    expect(issues).toContainEqual(expect.stringMatching(/callers\[1\]\.flows.*at least one flow/));
    expect(issuesOf(`webhook:\n  callers:\n    - { name: planning, flows: [load-a] }\n    - { name: planning, flows: [load-b] }\n${FLOWS}`))
      .toContainEqual(expect.stringMatching(/callers\[1\]\.name.*duplicate caller name 'planning' \(also callers\[0\]\)/));
  });
});

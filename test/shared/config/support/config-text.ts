/** What the config schema tests share: a valid one-flow config to add to, and the issues a rejected one reports. */
import { expect } from 'vitest';
import { ConfigError } from '../../../../shared/config/config-error.ts';
import { parseConfig } from '../../../../shared/config/load.ts';

export const FLOW_ID = '2932ca30-8871-48b1-8e9b-90b744020b68';

/** A valid one-flow config with `flowBody` appended under the flow and `tail` at the top level. */
export function configWith(flowBody = '', tail = ''): string {
  return `flows:\n  demo-load:\n    flowId: ${FLOW_ID}\n${flowBody}${tail}`;
}

/** The issues of a config that must be rejected; each must also stand in the error's message. */
export function issuesOf(text: string): readonly string[] {
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

/** A config mistake, the path its issue must start with, and what the issue must say. */
export interface ConfigMistake {
  readonly mistake: string;
  readonly text: string;
  readonly path: string;
  readonly says: string;
}

/** The config is rejected with an issue at `path` (`path: ...`) that says `says`. */
export function expectIssueAt({ text, path, says }: ConfigMistake): void {
  const issues = issuesOf(text);
  expect(issues).toContainEqual(expect.stringMatching(new RegExp(`^${escapeRegExp(path)}: `)));
  expect(issues.find((issue) => issue.startsWith(`${path}: `))).toContain(says);
}

/** `text` as a literal inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

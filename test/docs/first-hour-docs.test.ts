import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { subscriptionFilterPolicy, type AlertSubscriberFilter } from '../../shared/alerts/filter-policy.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('Docs: what a newcomer reads is true', () => {
  it('docs/alerts.md: every filter policy example is what subscriptionFilterPolicy builds, alert attribute included', () => {
    // Prepare
    const doc = read('docs/alerts.md');
    const examples = [...doc.matchAll(/^\/\/ [^:]+: +(\{.*\})\n(\{.*\})$/gm)];

    // Act
    const pairs = examples.map(([, subscriber = '', policy = '']) => [
      subscriptionFilterPolicy(JSON.parse(subscriber.replace(/(\w+):/g, '"$1":')) as AlertSubscriberFilter),
      JSON.parse(policy) as unknown,
    ]);

    // Assess
    expect(pairs).toHaveLength(4);
    for (const [built, documented] of pairs) expect(built).toEqual(documented);
    expect(doc).toContain('| `alert` | `new`');
  });

  it('docs/alert-memory.md: the local store is said to be in memory', () => {
    // Act
    const doc = read('docs/alert-memory.md');

    // Assess
    expect(doc).not.toContain('on disk');
    expect(doc).toContain('in memory both for tests and\nfor local mode');
  });

  it('docs/local-mode.md: the run row names --config and --schedule, and the CLI form keeps stdout clean', () => {
    // Act
    const doc = read('docs/local-mode.md');

    // Assess
    expect(doc).toContain('| `run <flow> [--config f] [--schedule name]');
    expect(doc).toContain('(`npx dwq validate --json | jq`)');
  });

  it('README: the deploy section says how to give cdk credentials, and the install note explains EBADENGINE', () => {
    // Act
    const readme = read('README.md');

    // Assess
    expect(readme).toContain('Either run `aws configure` once');
    expect(readme).toContain('export AWS_ACCESS_KEY_ID=AKIA... AWS_SECRET_ACCESS_KEY=... AWS_REGION=eu-west-1');
    expect(readme).toContain('`npm warn EBADENGINE Unsupported engine`');
    expect(readme).not.toMatch(/`npm run dwq -- <command>` \(or `npx dwq`\)/);
  });
});

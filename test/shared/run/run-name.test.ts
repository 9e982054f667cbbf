import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../shared/errors.ts';
import { flowFromRunName, runNameFor } from '../../../shared/run/run-name.ts';

describe('Function: runNameFor', () => {
  it('gives the same name when the same delivery arrives twice', () => {
    // Act
    const first = runNameFor('nightly-load', 'webhook', 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W');
    const second = runNameFor('nightly-load', 'webhook', 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W');

    // Assess
    expect(second).toBe(first);
    expect(first).toMatch(/^nightly-load--wh-[0-9a-f]{24}$/);
  });

  it('gives different names for different keys, kinds and flows', () => {
    // Act
    const names = new Set([
      runNameFor('nightly-load', 'webhook', 'a'),
      runNameFor('nightly-load', 'webhook', 'b'),
      runNameFor('nightly-load', 'manual', 'a'),
      runNameFor('nightly-load', 'schedule', 'a'),
      runNameFor('hourly-sync', 'webhook', 'a'),
    ]);

    // Assess
    expect(names.size).toBe(5);
  });

  it('stays a valid execution name whatever the key contains', () => {
    // Prepare
    const flow = 'a'.repeat(40);

    // Act
    const name = runNameFor(flow, 'schedule', 'ümlaut / : # % , and a very long key '.repeat(20));

    // Assess
    expect(name.length).toBeLessThanOrEqual(80);
    expect(name).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses a flow name that cannot be carried in an execution name', () => {
    // Act & Assess
    expect(() => runNameFor('nightly load', 'webhook', 'k')).toThrow(ValidationError);
    expect(() => runNameFor('x'.repeat(52), 'webhook', 'k')).toThrow(/at most 51 characters/);
  });
});

describe('Function: flowFromRunName', () => {
  it('finds the flow of every kind of run id', () => {
    // Act & Assess
    expect(flowFromRunName(runNameFor('nightly-load', 'webhook', 'k'))).toBe('nightly-load');
    expect(flowFromRunName(runNameFor('a--b-', 'manual', 'k'))).toBe('a--b-');
    expect(flowFromRunName(runNameFor('x', 'schedule', 'k'))).toBe('x');
  });

  it('answers undefined for ids that are not ours', () => {
    // Act & Assess
    expect(flowFromRunName('nightly-load')).toBeUndefined();
    expect(flowFromRunName('nightly-load--wh-XYZ')).toBeUndefined();
    expect(flowFromRunName('../etc--wh-0123456789abcdef01234567')).toBeUndefined();
    expect(flowFromRunName('')).toBeUndefined();
  });
});

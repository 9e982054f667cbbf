import { describe, expect, it } from 'vitest';
import { onlyParts } from '../../bench/run-only.ts';

describe('Function: onlyParts', () => {
  it('runs the whole bench without --only', () => {
    expect(onlyParts([])).toBeUndefined();
  });

  it.each([[['--only', 'p3,p5']], [['--only=P3, p5']]])('reads the parts of %j', (args) => {
    expect([...(onlyParts(args) ?? [])].sort()).toEqual(['p3', 'p5']);
  });

  it('runs p1 for p2, which prices its runs', () => {
    expect([...(onlyParts(['--only', 'p2']) ?? [])]).toEqual(['p1']);
  });

  it('refuses an unknown part, naming the ones there are', () => {
    expect(() => onlyParts(['--only', 'p3,p9'])).toThrow(/--only p3,p9: expected a comma-separated list of p1, p3, p4, p5/);
    expect(() => onlyParts(['--only'])).toThrow(/expected a comma-separated list/);
  });
});

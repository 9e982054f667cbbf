import { describe, expect, it } from 'vitest';
import { endedOpenings, openingAt } from '../../../shared/maintenance/window.ts';
import type { MaintenanceWindow } from '../../../shared/model.ts';

/** Sundays 02:00 London time, for 2 hours. */
const sunday: MaintenanceWindow = { name: 'db-upgrade', cron: 'cron(0 2 ? * SUN *)', durationSeconds: 7200, timeZone: 'Europe/London' };

describe('Function: openingAt', () => {
  it('is open from a fire (inclusive) to fire + duration (exclusive), on the wall clock of its zone', () => {
    // 2026-07-05 is a Sunday; London is on BST (UTC+1): 02:00 local = 01:00Z.
    expect(openingAt(sunday, new Date('2026-07-05T01:00:00Z'))).toEqual({ name: 'db-upgrade', start: '2026-07-05T01:00:00.000Z', end: '2026-07-05T03:00:00.000Z' });
    expect(openingAt(sunday, new Date('2026-07-05T02:59:59Z'))?.start).toBe('2026-07-05T01:00:00.000Z');
    expect(openingAt(sunday, new Date('2026-07-05T03:00:00Z'))).toBeUndefined();
    expect(openingAt(sunday, new Date('2026-07-05T00:59:59Z'))).toBeUndefined();
    expect(openingAt(sunday, new Date('2026-07-06T01:30:00Z'))).toBeUndefined();
  });

  it('follows the zone across DST: in winter the same window opens at 02:00Z', () => {
    expect(openingAt(sunday, new Date('2026-12-06T02:30:00Z'))?.start).toBe('2026-12-06T02:00:00.000Z');
    expect(openingAt(sunday, new Date('2026-12-06T01:30:00Z'))).toBeUndefined();
  });
});

describe('Function: endedOpenings', () => {
  it('names the latest opening that has ended, for its summary, and none that is still open', () => {
    expect(endedOpenings([sunday], new Date('2026-07-05T03:00:00Z'))).toEqual([{ name: 'db-upgrade', start: '2026-07-05T01:00:00.000Z', end: '2026-07-05T03:00:00.000Z' }]);
    expect(endedOpenings([sunday], new Date('2026-07-08T12:00:00Z'))[0]?.start).toBe('2026-07-05T01:00:00.000Z');
    // Still open: the one before it (a week earlier) is the latest that ended.
    expect(endedOpenings([sunday], new Date('2026-07-05T02:00:00Z'))[0]?.start).toBe('2026-06-28T01:00:00.000Z');
  });
});

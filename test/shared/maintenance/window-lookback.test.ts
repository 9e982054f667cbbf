/**
 * A window's latest fire is the last of every fire in its lookback: a frequent cron over the
 * summaries' seven-day lookback has thousands, and the answer is still the latest, not a capped early one.
 */
import { describe, expect, it } from 'vitest';
import { endedOpenings, openingAt } from '../../../shared/maintenance/window.ts';
import type { MaintenanceWindow } from '../../../shared/model.ts';

/** Every minute, for a minute: about 10,000 fires in the seven-day lookback. */
const minutely: MaintenanceWindow = { name: 'churn', cron: 'cron(* * * * ? *)', durationSeconds: 60, timeZone: 'Europe/London' };

describe('Function: endedOpenings, a frequent cron', () => {
  it('names the opening that ended last, however many fires the lookback holds', () => {
    expect(endedOpenings([minutely], new Date('2026-07-05T02:00:30Z'))).toEqual([{ name: 'churn', start: '2026-07-05T01:59:00.000Z', end: '2026-07-05T02:00:00.000Z' }]);
  });

  it('finds the opening a fire (inclusive) starts', () => {
    expect(openingAt(minutely, new Date('2026-07-05T02:00:00Z'))?.start).toBe('2026-07-05T02:00:00.000Z');
  });
});

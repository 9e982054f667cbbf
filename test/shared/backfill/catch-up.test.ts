import { describe, expect, it } from 'vitest';
import { catchUpFires } from '../../../shared/backfill/catch-up.ts';

const NOW = new Date('2026-03-30T12:00:00Z');
const MISSED = ['2026-03-28T01:30:00Z', '2026-03-30T00:30:00Z', '2026-03-29T12:00:00Z', '2026-03-30T00:30:00Z'].map((text) => new Date(text));
const iso = (fires: readonly Date[]) => fires.map((fire) => fire.toISOString());

describe('Function: catchUpFires', () => {
  it('starts none by default and for catchUp: none', () => {
    // Act & Assess
    expect(catchUpFires({}, MISSED, NOW)).toEqual([]);
    expect(catchUpFires({ catchUp: 'none', catchUpWindowSeconds: 7 * 86_400 }, MISSED, NOW)).toEqual([]);
  });

  it('starts every missed fire inside the default 24h window, oldest first and each once, for catchUp: all', () => {
    // Act
    const fires = catchUpFires({ catchUp: 'all' }, MISSED, NOW);

    // Assess: 28 March 01:30 is 58.5 hours back, outside the window.
    expect(iso(fires)).toEqual(['2026-03-29T12:00:00.000Z', '2026-03-30T00:30:00.000Z']);
  });

  it('starts only the most recent missed fire for catchUp: latest', () => {
    // Act & Assess
    expect(iso(catchUpFires({ catchUp: 'latest', catchUpWindowSeconds: 7 * 86_400 }, MISSED, NOW))).toEqual(['2026-03-30T00:30:00.000Z']);
  });

  it('honours a shorter window, counting a fire exactly at its edge in, and never starts a fire still to come', () => {
    // Prepare
    const edge = new Date(NOW.getTime() - 12 * 3600_000);
    const future = new Date(NOW.getTime() + 60_000);

    // Act
    const fires = catchUpFires({ catchUp: 'all', catchUpWindowSeconds: 12 * 3600 }, [...MISSED, edge, future], NOW);

    // Assess
    expect(iso(fires)).toEqual([edge.toISOString(), '2026-03-30T00:30:00.000Z']);
    expect(catchUpFires({ catchUp: 'latest', catchUpWindowSeconds: 3600 }, MISSED, NOW)).toEqual([]);
  });
});

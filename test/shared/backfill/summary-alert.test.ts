import { describe, expect, it } from 'vitest';
import type { BackfillSummary, FireResult } from '../../../shared/backfill/backfill.ts';
import { planBackfill } from '../../../shared/backfill/plan.ts';
import { formatBackfillAlert, worstOutcome } from '../../../shared/backfill/summary-alert.ts';
import { matchesFilterPolicy, subscriberFilterPolicy } from '../../../shared/alerts/filter-policy.ts';
import { parseConfig } from '../../../shared/config/load.ts';
import type { Outcome } from '../../../shared/model.ts';

const config = parseConfig(`
flows:
  nightly-load:
    flowId: 2932ca30-8871-48b1-8e9b-90b744020b68
    schedules:
      - { name: nightly, expression: cron(30 1 * * ? *), timeZone: Europe/London }
subscribers:
  - { name: on-call, sms: "+15555550100" }
  - { name: ops, email: ops@example.com, failures: first }
`);
const plan = planBackfill({ config, flow: 'nightly-load', schedule: 'nightly', from: '2026-03-27', to: '2026-03-30' }, new Date('2026-04-15T00:00:00Z'));

function summaryOf(outcomes: ReadonlyArray<Outcome | undefined>): BackfillSummary {
  const results: FireResult[] = plan.fires.map((fire, index) => {
    const outcome = outcomes[index];
    const bucket = outcome === 'COMPLETED' ? 'completed' : outcome === 'SKIPPED' ? 'skipped' : 'failed';
    return { fire, start: 'new', bucket, outcome, ...(bucket === 'failed' ? { message: 'ORA-12541: TNS:no listener' } : {}) };
  });
  const count = (bucket: string) => results.filter((result) => result.bucket === bucket).length;
  return { plan, results, counts: { completed: count('completed'), failed: count('failed'), skipped: count('skipped'), unfinished: 0, started: results.length, alreadyStarted: 0 } };
}

describe('Function: formatBackfillAlert', () => {
  it('lists the failed periods on the schedule clock and carries the worst outcome for filter policies', () => {
    // Act
    const alert = formatBackfillAlert(summaryOf(['COMPLETED', 'ERROR', 'SKIPPED']));

    // Assess
    expect(alert.subject).toBe('[DataWORQ] ERROR: nightly-load backfill, 1 completed, 1 failed, 1 skipped');
    expect(alert.attributes).toEqual({ outcome: 'ERROR', flow: 'nightly-load', severity: 'critical', alert: 'new' });
    expect(alert.bodies.email).toContain('Failed periods:\n  2026-03-28 01:30 GMT (ERROR, run nightly-load--sc-');
    expect(alert.bodies.email).toContain('ORA-12541: TNS:no listener');
    expect(alert.bodies.default).toContain('DataWORQ flow nightly-load: backfill of schedule nightly (cron(30 1 * * ? *) in Europe/London), 2026-03-27 00:00 to 2026-03-30 23:59.');
    expect(alert.bodies.sms).toBe('DataWORQ nightly-load backfill ERROR: 1 completed, 1 failed, 1 skipped');
  });

  it('is routed like a run alert: SMS subscribers hear of a failed batch, not of a completed one', () => {
    // Prepare
    const [sms, email] = config.subscribers.map((subscriber) => subscriberFilterPolicy(subscriber));

    // Act
    const failed = formatBackfillAlert(summaryOf(['COMPLETED', 'TIMED_OUT', undefined])).attributes;
    const completed = formatBackfillAlert(summaryOf(['COMPLETED', 'SKIPPED', 'COMPLETED'])).attributes;

    // Assess
    expect([matchesFilterPolicy(sms!, failed), matchesFilterPolicy(email!, failed)]).toEqual([true, true]);
    expect([matchesFilterPolicy(sms!, completed), matchesFilterPolicy(email!, completed)]).toEqual([false, true]);
  });
});

describe('Function: worstOutcome', () => {
  it('ranks a failure above a success and a success above a skip; a run without an outcome counts as LOST', () => {
    // Act & Assess
    expect(worstOutcome(summaryOf(['COMPLETED', 'SKIPPED', 'COMPLETED']).results)).toBe('COMPLETED');
    expect(worstOutcome(summaryOf(['SKIPPED', 'SKIPPED', 'SKIPPED']).results)).toBe('SKIPPED');
    expect(worstOutcome(summaryOf(['CANCELLED', 'ERROR', 'COMPLETED']).results)).toBe('ERROR');
    expect(worstOutcome(summaryOf(['ERROR', undefined, 'COMPLETED']).results)).toBe('LOST');
  });
});

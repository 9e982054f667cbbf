/**
 * Notify reads the flow's snooze once and uses that one read for both the summaries of ended
 * windows and this run's suppression; a failed read still means no summary and an alert as usual.
 */
import { describe, expect, it } from 'vitest';
import type { AlertMessage } from '../../../shared/alerts/alert-message.ts';
import type { AlertPublisher } from '../../../shared/alerts/publisher.ts';
import type { Log } from '../../../shared/log.ts';
import type { MaintenanceStore, Snooze, SuppressedRun } from '../../../shared/maintenance/maintenance-store.ts';
import type { WindowOpening } from '../../../shared/maintenance/window.ts';
import type { NotifyInput, RunFlow } from '../../../shared/model.ts';
import { notifyRun } from '../../../shared/run/notify.ts';
import { nightlyFlow } from '../../helpers/run-flows.ts';

const NOW = new Date('2026-07-05T02:00:00.000Z');

interface FakeStore extends MaintenanceStore {
  readonly snoozeReads: number;
  readonly recorded: { opening: WindowOpening; run: SuppressedRun }[];
}

function fakeStore(snooze: () => Promise<Snooze | undefined>, claimed: readonly SuppressedRun[] = []): FakeStore {
  let reads = 0;
  const recorded: { opening: WindowOpening; run: SuppressedRun }[] = [];
  return {
    get snoozeReads() {
      return reads;
    },
    recorded,
    record: async (opening, run) => {
      recorded.push({ opening, run });
    },
    claimSummary: async () => (claimed.length > 0 ? claimed : undefined),
    snooze: async () => undefined,
    snoozeOf: async () => {
      reads++;
      return snooze();
    },
  };
}

function capturing(): AlertPublisher & { readonly sent: AlertMessage[] } {
  const sent: AlertMessage[] = [];
  return { sent, publish: async (message) => (sent.push(message), { messageId: `msg-${sent.length}` }) };
}

function warnings(): Log & { readonly warned: string[] } {
  const warned: string[] = [];
  return { warned, debug() {}, info() {}, error() {}, warn: (message) => void warned.push(message) };
}

function failedRun(flow: RunFlow): NotifyInput {
  return {
    flow,
    trigger: { kind: 'manual', id: 'cli:alice', time: NOW.toISOString() },
    run: {
      runId: 'nightly-load--mn-000000000000000000000001',
      submittedAt: NOW.toISOString(),
      deadline: NOW.toISOString(),
      poll: { iteration: 3, waitSeconds: 30, consecutiveFailures: 0, consecutiveRejections: 0 },
      jobId: 'job-1',
      outcome: 'ERROR',
      endedAt: NOW.toISOString(),
      message: 'step 2 failed',
    },
  };
}

const earlier: SuppressedRun = { runId: 'nightly-load--mn-000000000000000000000000', flow: 'nightly-load', outcome: 'ERROR', at: '2026-07-05T00:30:00.000Z' };

describe('Notify and the snooze', () => {
  it('reads the snooze once, and keeps the failure quiet under it', async () => {
    const store = fakeStore(async () => ({ flow: 'nightly-load', since: '2026-07-05T01:00:00.000Z', until: '2026-07-05T03:00:00.000Z', by: 'cli:alice' }));
    const publisher = capturing();

    const result = await notifyRun(failedRun(nightlyFlow()), { publisher, maintenance: store, clock: { now: () => NOW } });

    expect(result).toMatchObject({ alerted: false, suppressed: 'snoozed until 2026-07-05T03:00:00.000Z by cli:alice' });
    expect(store.recorded.map(({ opening, run }) => [opening.name, run.outcome])).toEqual([['snooze-nightly-load', 'ERROR']]);
    expect(publisher.sent).toEqual([]);
    expect(store.snoozeReads).toBe(1);
  });

  it('reads the snooze once, sends the ended snooze its summary, and alerts a failure after it', async () => {
    const store = fakeStore(async () => ({ flow: 'nightly-load', since: '2026-07-05T00:00:00.000Z', until: '2026-07-05T01:00:00.000Z' }), [earlier]);
    const publisher = capturing();

    const result = await notifyRun(failedRun(nightlyFlow()), { publisher, maintenance: store, clock: { now: () => NOW } });

    expect(result.alerted).toBe(true);
    expect(result.suppressed).toBeUndefined();
    expect(publisher.sent).toHaveLength(2);
    expect(publisher.sent[0]?.subject).toContain('during maintenance snooze-nightly-load');
    expect(store.recorded).toEqual([]);
    expect(store.snoozeReads).toBe(1);
  });

  it('sends no summary and alerts as usual when the snooze cannot be read, trying only once', async () => {
    const store = fakeStore(async () => {
      throw new Error('DynamoDB unavailable');
    }, [earlier]);
    const publisher = capturing();
    const log = warnings();

    const result = await notifyRun(failedRun(nightlyFlow()), { publisher, maintenance: store, clock: { now: () => NOW }, log });

    expect(result.alerted).toBe(true);
    expect(publisher.sent).toHaveLength(1);
    expect(publisher.sent[0]?.subject).not.toContain('maintenance');
    expect(log.warned).toEqual(['could not send a maintenance summary', 'could not read or record the maintenance windows; alerting as usual']);
    expect(store.snoozeReads).toBe(1);
  });

  it('still keeps a failure quiet inside a configured window when the snooze cannot be read', async () => {
    const store = fakeStore(async () => {
      throw new Error('DynamoDB unavailable');
    });
    const publisher = capturing();
    // 2026-07-05 is a Sunday; 02:00 London (BST) is 01:00Z, so the window is open at 02:00Z.
    const flow = nightlyFlow({ maintenance: [{ name: 'db-upgrade', cron: 'cron(0 2 ? * SUN *)', durationSeconds: 7200, timeZone: 'Europe/London' }] });

    const result = await notifyRun(failedRun(flow), { publisher, maintenance: store, clock: { now: () => NOW } });

    expect(result).toMatchObject({ alerted: false, suppressed: 'maintenance window db-upgrade (until 2026-07-05T03:00:00.000Z)' });
    expect(publisher.sent).toEqual([]);
    expect(store.snoozeReads).toBe(1);
  });
});

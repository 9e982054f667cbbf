/**
 * The alert memory (docs/alert-memory.md): per flow, the streak of failures and the last few
 * runs' decisions. A store only reads and writes conditionally on the version read; the loop
 * here decides: so two runs ending at once cannot lose a count or both announce the same
 * failure (the loser re-reads and decides again), and a Notify retried after a failed publish
 * sends the alert it decided the first time instead of counting the failure twice.
 * DynamoDB's store: shared/aws/dynamodb/alert-memory.ts.
 */
import type { Clock } from '../clock.ts';
import { AlertMemoryError } from '../errors.ts';
import type { AlertDecision, AlertSend, DecisionContext, FlowMemory } from './alert-policy.ts';

/** One run's decision, as stored and as reused by a retry of the same run. */
export interface RecordedDecision {
  readonly runId: string;
  readonly send: AlertSend;
  readonly context: DecisionContext;
  readonly decidedAt: string;
}

export interface MemoryRecord {
  readonly decision: RecordedDecision;
  /** The memory after this run (as stored). */
  readonly memory: FlowMemory;
  /** True when an earlier attempt of the same run had already decided. */
  readonly reused: boolean;
  /** Reads it took: more than 1 means another run's write got in first. */
  readonly attempts: number;
}

/** The port Notify uses; DynamoAlertMemory in AWS, local mode and tests. */
export interface AlertMemory {
  record(flow: string, runId: string, decide: (previous: FlowMemory | undefined) => AlertDecision): Promise<MemoryRecord>;
}

export interface StoredMemory {
  readonly memory: FlowMemory;
  /** Newest first, at most KEPT_DECISIONS. */
  readonly decisions: readonly RecordedDecision[];
}

/** What a store of the memory does: read, and write only over the version read. */
export interface MemoryStore {
  read(flow: string): Promise<StoredMemory | undefined>;
  /** False when another write got in since `expectedVersion` was read (undefined: none existed). */
  write(flow: string, stored: StoredMemory, expectedVersion: number | undefined, now: Date): Promise<boolean>;
}


/** Enough for every retry of every run that can end while one Notify is retried. */
export const KEPT_DECISIONS = 10;

/** Reads, decides and writes until a write wins, at most `maxAttempts` times. */
export async function recordDecision(
  store: MemoryStore,
  request: { readonly flow: string; readonly runId: string; readonly decide: (previous: FlowMemory | undefined) => AlertDecision },
  options: { readonly maxAttempts: number; readonly clock: Clock },
): Promise<MemoryRecord> {
  const { flow, runId, decide } = request;
  for (let attempt = 1; attempt <= options.maxAttempts; attempt += 1) {
    const stored = await store.read(flow);
    const earlier = stored?.decisions.find((decision) => decision.runId === runId);
    if (stored && earlier) return { decision: earlier, memory: stored.memory, reused: true, attempts: attempt };
    const decided = decide(stored?.memory);
    // The store owns the version: whatever decide() returned, it follows the one read.
    const memory: FlowMemory = { ...decided.next, version: (stored?.memory.version ?? 0) + 1 };
    const now = options.clock.now();
    const decision: RecordedDecision = { runId, send: decided.send, context: decided.context, decidedAt: now.toISOString() };
    const decisions = [decision, ...(stored?.decisions ?? [])].slice(0, KEPT_DECISIONS);
    if (await store.write(flow, { memory, decisions }, stored?.memory.version, now)) {
      return { decision, memory, reused: false, attempts: attempt };
    }
  }
  throw new AlertMemoryError(`alert memory of flow ${flow}: changed by other runs ${options.maxAttempts} times in a row; giving up`);
}

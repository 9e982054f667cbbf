/**
 * The maintenance store port: what a window's suppressed runs were (for its summary, sent once)
 * and the snoozes (`dwq snooze <flow> 2h`). DynamoDB in AWS and locally: shared/aws/dynamodb/maintenance.ts.
 */
import type { WindowOpening } from './window.ts';

/** A run whose failure a window or snooze kept quiet. */
export interface SuppressedRun {
  readonly runId: string;
  readonly flow: string;
  readonly outcome: string;
  /** ISO 8601: when the run ended. */
  readonly at: string;
  readonly message?: string;
}

/** A flow's snooze: its failures alert no one from `since` until `until`. */
export interface Snooze {
  readonly flow: string;
  readonly since: string;
  readonly until: string;
  readonly by?: string;
}

export interface MaintenanceStore {
  /** Appends the run to the opening's record (`maintenance#<window>#<start>`). */
  record(opening: WindowOpening, run: SuppressedRun): Promise<void>;
  /**
   * The opening's runs, to the one caller that claims its summary (conditional: once per
   * opening); undefined when nothing was recorded or the summary was already claimed.
   */
  claimSummary(opening: WindowOpening, at: Date): Promise<readonly SuppressedRun[] | undefined>;
  /** Sets (or replaces) the flow's snooze. */
  snooze(snooze: Snooze): Promise<void>;
  /** The flow's latest snooze, expired or not. */
  snoozeOf(flow: string): Promise<Snooze | undefined>;
}

/** An opening's record keeps this many runs; its summary says so when there were more. */
export const MAX_SUPPRESSED_RUNS = 100;

export const SNOOZE_WINDOW_PREFIX = 'snooze-';

/** A snooze as a window opening, so suppression and summaries treat both alike. */
export function snoozeOpening(snooze: Snooze): WindowOpening {
  return { name: `${SNOOZE_WINDOW_PREFIX}${snooze.flow}`, start: snooze.since, end: snooze.until };
}

/** `maintenance#<window>#<start>`: where the suppressed outcomes of one opening are kept. */
export function openingKey(opening: WindowOpening): string {
  return `${opening.name}#${opening.start}`;
}

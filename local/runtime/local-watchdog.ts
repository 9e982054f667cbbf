/**
 * The watchdog in local mode: the same watch as the AWS Lambda (shared/watch/run-watch.ts), every
 * 5 minutes of scaled time, on the local state table and the outbox. A laptop that slept (or a
 * process stopped with SIGSTOP) wakes with the scaled clock far ahead: the next watch then sees
 * the fires the scheduler skipped while asleep, none of them claimed, and reports them MISSED.
 */
import type { AlertPublisher } from '../../shared/alerts/publisher.ts';
import type { StateTableRef } from '../../shared/aws/dynamodb/state-table.ts';
import { createClaimLookup, createWatchMemory } from '../../shared/aws/dynamodb/watch-memory.ts';
import type { Clock } from '../../shared/clock.ts';
import type { DwqConfig } from '../../shared/config/schema.ts';
import type { RunLedger } from '../../shared/ledger/run-ledger.ts';
import { describeError } from '../../shared/log.ts';
import { WATCH } from '../../shared/watch/constants.ts';
import { runWatch, type WatchReport } from '../../shared/watch/run-watch.ts';
import { watchConfigOf } from '../../shared/watch/watch-config.ts';
import { realTimer, type Timer } from './local-scheduler.ts';
import type { RunLauncher } from '../../shared/model.ts';

export interface LocalWatchdogOptions {
  readonly config: DwqConfig;
  readonly table: StateTableRef;
  readonly ledger: RunLedger;
  readonly publisher: AlertPublisher;
  readonly clock: Clock;
  /** Clock time per real time (`--speed`); default 1. */
  readonly speed?: number;
  readonly timer?: Timer;
  readonly print: (text: string) => void;
  /** Watch the schedules (MISSED) too; false when the schedules are off, so none of their fires is missed. Default true. */
  readonly schedules?: boolean;
  /** Where catch-up starts missed fires (the local executor); absent = no catch-up. */
  readonly launcher?: RunLauncher;
}

export class LocalWatchdog {
  readonly #options: LocalWatchdogOptions;
  readonly #timer: Timer;
  #handle: unknown;
  #running: Promise<WatchReport | undefined> | undefined;
  #stopped = true;
  #watch: (() => Promise<WatchReport>) | undefined;

  constructor(options: LocalWatchdogOptions) {
    this.#options = options;
    this.#timer = options.timer ?? realTimer;
  }

  /** Watches from now: the session's start is the config's start, so nothing earlier is reported. */
  start(): void {
    const { config, table, ledger, publisher, clock } = this.#options;
    const watched = watchConfigOf(config, clock.now());
    const deps = {
      config: this.#options.schedules === false ? { ...watched, flows: watched.flows.map((flow) => ({ ...flow, schedules: [] })) } : watched,
      clock,
      memory: createWatchMemory(table, { clock }),
      claimed: createClaimLookup(table),
      ledger,
      publisher,
      ...(this.#options.launcher ? { launcher: this.#options.launcher } : {}),
    };
    this.#watch = () => runWatch(deps);
    this.#stopped = false;
    this.#next();
  }

  stop(): void {
    this.#stopped = true;
    if (this.#handle !== undefined) this.#timer.clear(this.#handle);
    this.#handle = undefined;
  }

  /** One watch now (tests, and the timer); resolves when it is done, never rejects. */
  watchNow(): Promise<WatchReport | undefined> {
    this.#running ??= this.#watchOnce().finally(() => (this.#running = undefined));
    return this.#running;
  }

  /** Resolves when a watch in progress has finished. */
  async idle(): Promise<void> {
    await this.#running;
  }

  async #watchOnce(): Promise<WatchReport | undefined> {
    if (!this.#watch) return undefined;
    try {
      return await this.#watch();
    } catch (error) {
      this.#options.print(`[watchdog] ERROR the watch did not finish: ${describeError(error)}; the next one tries again`);
      return undefined;
    }
  }

  #next(): void {
    if (this.#stopped) return;
    const ms = (WATCH.intervalMinutes * 60_000) / (this.#options.speed ?? 1);
    this.#handle = this.#timer.set(() => {
      this.#handle = undefined;
      void this.watchNow().then(() => this.#next());
    }, ms);
  }
}

/**
 * The configured schedules, firing on a laptop with EventBridge Scheduler's semantics: the next
 * fire time comes from nextFireTimes (the code behind `dwq next`), and each fire starts a run
 * with the input a schedule target carries in AWS. The clock and the timer are injectable, so a
 * test (or a sped-up demo) decides what "now" is.
 */
import type { Clock } from '../../shared/clock.ts';
import { scheduleRunFlow } from '../../shared/config/resolve.ts';
import type { DwqConfig, ScheduleConfig } from '../../shared/config/schema.ts';
import type { RunInput, RunLauncher, RunStart } from '../../shared/model.ts';
import { scheduleTrigger } from '../../shared/periods/logical-time.ts';
import { runNameFor } from '../../shared/run/run-name.ts';
import { nextFireTimes } from '../../shared/schedule/next-fire.ts';

export interface Timer {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimer: Timer = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** setTimeout's largest delay; longer waits are taken in steps. */
const MAX_TIMER_MS = 2_147_483_647;

export interface ScheduleFire {
  readonly flow: string;
  readonly schedule: string;
  /** The scheduled time (not when the timer happened to run). */
  readonly time: Date;
}

export interface LocalSchedulerOptions {
  readonly config: DwqConfig;
  readonly launcher: RunLauncher;
  readonly clock: Clock;
  /** Clock time per real time (local mode's `--speed`); default 1. */
  readonly speed?: number;
  readonly timer?: Timer;
  readonly onFire?: (fire: ScheduleFire, started: RunStart) => void;
  readonly onError?: (fire: ScheduleFire, error: unknown) => void;
}

export interface ScheduleEntry {
  readonly flow: string;
  readonly schedule: ScheduleConfig;
  /** The next fire time; undefined when disabled or when it will not fire again. */
  next?: Date;
  handle?: unknown;
}

export class LocalScheduler {
  readonly #options: LocalSchedulerOptions;
  readonly #timer: Timer;
  readonly #entries: ScheduleEntry[];
  #running = false;
  /** A rate() without startDate keeps the phase of the start, as Scheduler keeps its creation's (the watchdog relies on it). */
  #startedAt: Date | undefined;

  constructor(options: LocalSchedulerOptions) {
    this.#options = options;
    this.#timer = options.timer ?? realTimer;
    this.#entries = Object.values(options.config.flows).flatMap((flow) => flow.schedules.map((schedule) => ({ flow: flow.name, schedule })));
  }

  /** Arms every enabled schedule from now. */
  start(): void {
    this.#running = true;
    const now = this.#options.clock.now();
    this.#startedAt = now;
    for (const entry of this.#entries) if (entry.schedule.enabled) this.#arm(entry, now);
  }

  stop(): void {
    this.#running = false;
    for (const entry of this.#entries) {
      if (entry.handle !== undefined) this.#timer.clear(entry.handle);
      entry.handle = undefined;
    }
  }

  /** Every configured schedule and its next fire time (undefined: disabled or finished). */
  entries(): readonly Readonly<ScheduleEntry>[] {
    return this.#entries;
  }

  #arm(entry: ScheduleEntry, from: Date): void {
    const { schedule } = entry;
    [entry.next] = nextFireTimes(schedule.expression, {
      timeZone: schedule.timeZone,
      from,
      count: 1,
      ...(schedule.startDate ? { startDate: new Date(schedule.startDate) } : this.#startedAt ? { startDate: this.#startedAt } : {}),
      ...(schedule.endDate ? { endDate: new Date(schedule.endDate) } : {}),
    });
    if (entry.next) this.#wait(entry, entry.next);
  }

  #wait(entry: ScheduleEntry, at: Date): void {
    if (!this.#running) return;
    const remainingMs = (at.getTime() - this.#options.clock.now().getTime()) / (this.#options.speed ?? 1);
    entry.handle = this.#timer.set(() => {
      entry.handle = undefined;
      // Timers may wake a little early (or in steps, for long waits): wait for the rest.
      if (this.#options.clock.now().getTime() < at.getTime()) this.#wait(entry, at);
      else this.#fire(entry, at);
    }, Math.min(MAX_TIMER_MS, Math.max(0, remainingMs)));
  }

  #fire(entry: ScheduleEntry, at: Date): void {
    // Armed from the later of the fire and now: after a suspended laptop, missed fires are
    // skipped rather than replayed in a burst.
    const now = this.#options.clock.now();
    this.#arm(entry, now > at ? now : at);
    const fire: ScheduleFire = { flow: entry.flow, schedule: entry.schedule.name, time: at };
    this.#launch(fire).then(
      (started) => this.#options.onFire?.(fire, started),
      (error: unknown) => this.#options.onError?.(fire, error),
    );
  }

  async #launch(fire: ScheduleFire) {
    const time = fire.time.toISOString();
    const flow = scheduleRunFlow(this.#options.config, fire.flow, fire.schedule);
    const schedule = this.#entries.find((entry) => entry.flow === fire.flow && entry.schedule.name === fire.schedule)?.schedule;
    const input: RunInput = {
      flow,
      // As in AWS: the scheduled time is the logical time, however late the timer ran.
      trigger: scheduleTrigger(fire.flow, { name: fire.schedule, timeZone: schedule?.timeZone ?? 'UTC' }, time),
    };
    // The scheduled time is in the name: a second delivery of the same fire starts nothing.
    return this.#options.launcher.start(runNameFor(fire.flow, 'schedule', `${fire.schedule}@${time}`), input);
  }
}

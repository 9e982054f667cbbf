/**
 * The part of the config the watchdog needs: each flow's schedules and its LATE and SUSPICIOUS
 * rules, never a subscriber's address. The watchdog Lambda carries only this (inlined at bundle
 * time), and local mode derives it from the loaded config.
 */
import type { CatchUpPolicy } from '../backfill/constants.ts';
import { scheduleRunFlow } from '../config/resolve.ts';
import type { DwqConfig, FlowConfig, LateConfig, ScheduleConfig } from '../config/schema.ts';
import type { RunFlow } from '../model.ts';
import { WATCH } from './constants.ts';

/** A schedule as configured, with its grace always set. */
export interface WatchedSchedule extends Pick<ScheduleConfig, 'name' | 'expression' | 'timeZone' | 'enabled' | 'startDate' | 'endDate'> {
  readonly startGraceSeconds: number;
  /** `catchUp` and its window (shared/backfill/catch-up.ts); absent = none. */
  readonly catchUp?: CatchUpPolicy;
  readonly catchUpWindowSeconds?: number;
  /** The schedule's RunFlow (its parameters, templates unrendered): present only when catch-up may start runs. */
  readonly runFlow?: RunFlow;
}

/** A flow as configured, with its LATE rule always set. */
export interface WatchedFlow extends Pick<FlowConfig, 'name' | 'flowId' | 'dataworqFlowName' | 'runProfileName' | 'maxDurationSeconds' | 'suspicious'> {
  readonly late: LateConfig;
  readonly schedules: readonly WatchedSchedule[];
}

export interface WatchConfig {
  readonly flows: readonly WatchedFlow[];
  /**
   * ISO 8601: when this config took effect (synth in AWS, the session's start locally). No fire
   * before it is reported, so a deploy never reports history, nor an edited schedule's old fires.
   */
  readonly since: string;
}

export function watchConfigOf(config: DwqConfig, since: Date): WatchConfig {
  return { flows: Object.values(config.flows).map((flow) => watchedFlow(config, flow)), since: since.toISOString() };
}

function watchedFlow(config: DwqConfig, flow: FlowConfig): WatchedFlow {
  return {
    name: flow.name,
    flowId: flow.flowId,
    dataworqFlowName: flow.dataworqFlowName,
    runProfileName: flow.runProfileName,
    maxDurationSeconds: flow.maxDurationSeconds,
    late: flow.late ?? { after: 'auto' },
    ...(flow.suspicious ? { suspicious: flow.suspicious } : {}),
    schedules: flow.schedules.map((schedule) => ({
      name: schedule.name,
      expression: schedule.expression,
      timeZone: schedule.timeZone,
      enabled: schedule.enabled,
      ...(schedule.startDate ? { startDate: schedule.startDate } : {}),
      ...(schedule.endDate ? { endDate: schedule.endDate } : {}),
      startGraceSeconds: schedule.startGrace ?? WATCH.defaultStartGraceSeconds,
      ...(schedule.catchUp !== undefined && schedule.catchUp !== 'none'
        ? { catchUp: schedule.catchUp, catchUpWindowSeconds: schedule.catchUpWindowSeconds, runFlow: scheduleRunFlow(config, flow.name, schedule.name) }
        : {}),
    })),
  };
}

/** The flow as an alert names it: no parameters (a watch alert is about a fire or a run, not its inputs). */
export function watchedRunFlow(flow: WatchedFlow): RunFlow {
  return {
    name: flow.name,
    flowId: flow.flowId,
    dataworqFlowName: flow.dataworqFlowName,
    runProfileName: flow.runProfileName,
    notificationEnabled: false,
    parameters: [],
    maxDurationSeconds: flow.maxDurationSeconds,
    lostAfterSeconds: 0,
    overlap: 'skip',
  };
}

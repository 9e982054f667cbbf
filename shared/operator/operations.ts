/**
 * The operator's operations, over the ledger and the launcher (operator-deps.ts): list, show,
 * trigger, re-run, pause and resume. The CLI calls these for local mode and for a deployed
 * stack alike; the HTTP re-run route shares their re-run plan (rerun-plan.ts).
 */
import { randomUUID } from 'node:crypto';
import { resolveRunFlow, scheduleRunFlow } from '../config/resolve.ts';
import { UnknownRunError, ValidationError } from '../errors.ts';
import { pauseApplies, type PauseRequest, type RunQuery } from '../ledger/run-ledger.ts';
import type { NewRunRecord, PauseFlag, RunRecord } from '../ledger/run-record.ts';
import type { RunFlow, RunInput, RunStart } from '../model.ts';
import { runNameFor } from '../run/run-name.ts';
import type { OperatorDeps } from './operator-deps.ts';
import { planRerun } from './rerun-plan.ts';
import { summarizeRuns, type FlowSummary } from './run-summary.ts';

export interface RunListing {
  readonly runs: readonly RunRecord[];
  readonly next?: string;
  /** Per flow, over the runs listed. */
  readonly summary: readonly FlowSummary[];
  /** Every pause flag (of the flow asked for), expired ones marked by `active: false`. */
  readonly paused: readonly (PauseFlag & { readonly active: boolean })[];
}

export async function listRuns(deps: OperatorDeps, query: RunQuery): Promise<RunListing> {
  const onlyFlow = query.flows?.length === 1 ? query.flows[0] : undefined;
  const [page, flags] = await Promise.all([deps.ledger.list(query), deps.ledger.listPauses(onlyFlow)]);
  const now = deps.clock.now();
  return {
    runs: page.runs,
    ...(page.next !== undefined && { next: page.next }),
    summary: summarizeRuns(page.runs),
    paused: flags.map((flag) => ({ ...flag, active: pauseApplies(flag, now) })),
  };
}

export async function showRun(deps: OperatorDeps, runId: string): Promise<RunRecord> {
  const record = await deps.ledger.get(runId);
  if (record === undefined) throw new UnknownRunError(`no run ${runId} on record: check the id (dwq runs lists them); records are kept for runs.keepFor`);
  return record;
}

export interface TriggerRequest {
  readonly flow: string;
  /** Start from this schedule's parameter values. */
  readonly schedule?: string;
  /** Typed values; they override the schedule's and the defaults. */
  readonly parameters?: Readonly<Record<string, string | number>>;
  /** Who asked, e.g. `cli:alice`. */
  readonly by: string;
  /** Default: a fresh key, so every trigger is a new run. */
  readonly key?: string;
}

/** The launcher's answer, for the operator: the flow, and why the run will be skipped or what it re-runs. */
export interface StartedRun extends Pick<RunStart, 'runId' | 'alreadyStarted'>, Pick<NewRunRecord, 'rerunOf'> {
  readonly flow: string;
  /** The flag that will make the run end SKIPPED (the engine checks it at Submit). */
  readonly pausedBy?: PauseFlag;
}

/** Starts a run now through the deployed path; throws ValidationError for an unknown flow, schedule or parameter. */
export async function triggerRun(deps: OperatorDeps, request: TriggerRequest): Promise<StartedRun> {
  const flow = triggerFlow(deps, request);
  const now = deps.clock.now();
  const runId = runNameFor(flow.name, 'manual', request.key ?? randomUUID());
  const input: RunInput = { flow, trigger: { kind: 'manual', id: request.by, time: now.toISOString() } };
  return startRun(deps, runId, input, now);
}

function triggerFlow(deps: OperatorDeps, request: TriggerRequest): RunFlow {
  const parameters = request.parameters ?? {};
  if (request.schedule === undefined) return resolveRunFlow(deps.config, request.flow, { parameters });
  // The schedule's own values (templates included, rendered by Submit), then the given ones over them.
  return scheduleRunFlow(deps.config, request.flow, request.schedule, parameters);
}

export interface RerunOptions {
  readonly force?: boolean;
  /** Default: a fresh key, so every `dwq rerun` is a new run. */
  readonly key?: string;
}

/** Throws UnknownRunError, RunInProgressError (unless forced), or ValidationError when the config changed. */
export async function rerunRun(deps: OperatorDeps, runId: string, options: RerunOptions = {}): Promise<StartedRun> {
  const original = await showRun(deps, runId);
  const now = deps.clock.now();
  const plan = planRerun(deps.config, original, { key: options.key ?? randomUUID(), force: options.force ?? false, now });
  return { ...(await startRun(deps, plan.runId, plan.input, now)), rerunOf: runId };
}

async function startRun(deps: OperatorDeps, runId: string, input: RunInput, now: Date): Promise<StartedRun> {
  const pausedBy = await deps.ledger.activePause(input.flow.name, undefined, now);
  const started = await deps.launcher.start(runId, input);
  return { runId: started.runId, flow: input.flow.name, alreadyStarted: started.alreadyStarted, ...(pausedBy && { pausedBy }) };
}

/** Pauses a configured flow (or one of its schedules); ValidationError for names the config does not know. */
export async function pauseTrigger(deps: OperatorDeps, request: PauseRequest): Promise<PauseFlag> {
  knownTrigger(deps, request.flow, request.schedule);
  if (request.until !== undefined && request.until.getTime() <= deps.clock.now().getTime()) {
    throw new ValidationError(`--until ${request.until.toISOString()} is not in the future: give a later time, or leave it out to pause until resumed`);
  }
  return deps.ledger.pause({ ...request, at: request.at ?? deps.clock.now() });
}

/** False when it was not paused. */
export async function resumeTrigger(deps: OperatorDeps, flow: string, schedule?: string): Promise<boolean> {
  knownTrigger(deps, flow, schedule);
  return deps.ledger.resume(flow, schedule);
}

function knownTrigger(deps: OperatorDeps, flow: string, schedule: string | undefined): void {
  if (schedule === undefined) resolveRunFlow(deps.config, flow);
  else scheduleRunFlow(deps.config, flow, schedule);
}

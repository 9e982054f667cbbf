/**
 * What a user may choose of the emulator without writing code: extra flows, faults to play, and
 * the flows the demo triggers. They come from the config's `emulator:` section (read in local
 * mode only; `cdk synth` ignores it) and from `dwq start --fault` / `--emulator-flow`. The
 * emulator checks them with its own code, as it checks everything it is sent.
 *
 * A fault is written `<call>:<fault>[x<times>][@<flow>]`: call is execute, status, list or any;
 * fault is an HTTP status (429, 500, 502, 503, 504), html (a gateway page), malformed (bad JSON),
 * reject (400), vanish (the job is gone), then-502 (execute starts the job, then answers 502) or
 * delay<ms>; flow is a flow key of the config or a flow id. `status:503x3@demo-load`.
 * A flow is written `<flowId>:<outcome>:<seconds>` (one step) or given as a mapping.
 */
import { ValidationError } from '../../shared/errors.ts';
import { isRecord } from '../../shared/guards.ts';
import { catalogueFlows } from './catalogue.ts';
import type { CallKind, EmulatorFlow, Fault, FlowOutcome } from './types.ts';

export interface EmulatorSetup {
  readonly flows: readonly EmulatorFlow[];
  readonly faults: readonly Fault[];
  /** Flow keys the demo triggers, in order; empty = the first webhook flow. */
  readonly demo: readonly string[];
}

export const NO_SETUP: EmulatorSetup = { flows: [], faults: [], demo: [] };

const OUTCOMES: readonly FlowOutcome[] = ['COMPLETED', 'ERROR', 'CANCELLED'];
const CALLS = ['execute', 'status', 'list', 'any'] as const;
const FAULT = /^(execute|status|list|any):([a-z0-9-]+?)(?:x(\d+))?(?:@([a-z0-9-]+))?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the `emulator:` section; `flowIds` maps the config's flow keys to their ids. */
export function emulatorSetupFrom(section: unknown, flowIds: Readonly<Record<string, string>>): EmulatorSetup {
  if (section === undefined) return NO_SETUP;
  if (!isRecord(section)) throw new ValidationError('emulator: must be a mapping with flows, faults and demo');
  for (const key of Object.keys(section)) {
    if (!['flows', 'faults', 'demo'].includes(key)) throw new ValidationError(`emulator.${key}: unknown key (emulator takes flows, faults and demo)`);
  }
  return {
    flows: listOf(section.flows, 'emulator.flows').map((flow, index) => emulatorFlow(flow, `emulator.flows[${index}]`)),
    faults: listOf(section.faults, 'emulator.faults').map((fault, index) => parseFault(fault, flowIds, `emulator.faults[${index}]`)),
    demo: listOf(section.demo, 'emulator.demo').map((flow, index) => demoFlow(flow, flowIds, `emulator.demo[${index}]`)),
  };
}

/** Adds the command line's faults and flows to a setup. */
export function withCommandLine(setup: EmulatorSetup, faults: readonly string[], flows: readonly string[], flowIds: Readonly<Record<string, string>>): EmulatorSetup {
  return {
    ...setup,
    faults: [...setup.faults, ...faults.map((fault) => parseFault(fault, flowIds, '--fault'))],
    flows: [...setup.flows, ...flows.map((flow) => emulatorFlow(flow, '--emulator-flow'))],
  };
}

/** The catalogue with the setup's flows added (a flow with a catalogue flow's id replaces it). */
export function flowsWith(setup: EmulatorSetup): EmulatorFlow[] {
  const ids = new Set(setup.flows.map((flow) => flow.flowId));
  return [...catalogueFlows.filter((flow) => !ids.has(flow.flowId)), ...setup.flows];
}

export function parseFault(spec: unknown, flowIds: Readonly<Record<string, string>>, where: string): Fault {
  const match = typeof spec === 'string' ? FAULT.exec(spec.trim()) : null;
  if (match === null) throw new ValidationError(`${where}: ${JSON.stringify(spec)} is not a fault; write <call>:<fault>[x<times>][@<flow>], e.g. status:503x3@demo-load`);
  const [, call, kind = '', times, flow] = match;
  const scope = {
    on: call as (typeof CALLS)[number] as CallKind | 'any',
    ...(times ? { times: Number(times) } : {}),
    ...(flow ? { flowId: flowIdOf(flow, flowIds, where) } : {}),
  };
  const fault = faultOf(kind, scope);
  if (fault === undefined) {
    throw new ValidationError(`${where}: unknown fault '${kind}'; use 429, 500, 502, 503, 504, html, malformed, reject, vanish, then-502 or delay<ms>`);
  }
  return fault;
}

function faultOf(kind: string, scope: Omit<Fault, 'type'>): Fault | undefined {
  if (/^(429|500|502|503|504)$/.test(kind)) return { ...scope, type: 'http-status', status: Number(kind) as 429 | 500 | 502 | 503 | 504 };
  const delay = /^delay(\d+)$/.exec(kind);
  if (delay) return { ...scope, type: 'delay', ms: Number(delay[1]) };
  switch (kind) {
    case 'html':
      return { ...scope, type: 'gateway-html' };
    case 'malformed':
      return { ...scope, type: 'malformed-json' };
    case 'reject':
      return { ...scope, type: 'reject', status: 400, body: 'Bad Request' };
    case 'vanish':
      return { ...scope, type: 'vanish' };
    case 'then-502':
      return { ...scope, type: 'execute-then-502' };
    default:
      return undefined;
  }
}

function emulatorFlow(value: unknown, where: string): EmulatorFlow {
  if (typeof value === 'string') {
    const [flowId = '', outcome = '', seconds = ''] = value.split(':');
    return checkedFlow({ flowId, name: `Flow-${flowId.slice(0, 8)}`, outcome, steps: [{ name: 'Step 1', seconds: Number(seconds) }] }, where);
  }
  if (!isRecord(value)) throw new ValidationError(`${where}: must be a mapping { flowId, name, steps, outcome } or <flowId>:<outcome>:<seconds>`);
  return checkedFlow(value, where);
}

function checkedFlow(flow: Record<string, unknown>, where: string): EmulatorFlow {
  if (typeof flow.flowId !== 'string' || !UUID.test(flow.flowId)) throw new ValidationError(`${where}.flowId: must be a UUID (the flowId of a flow in the config)`);
  if (typeof flow.name !== 'string' || flow.name === '') throw new ValidationError(`${where}.name: must be the flow's DataWORQ name (its dataworqFlowName)`);
  if (!OUTCOMES.includes(flow.outcome as FlowOutcome)) throw new ValidationError(`${where}.outcome: must be one of ${OUTCOMES.join(', ')}`);
  const steps = listOf(flow.steps, `${where}.steps`).map((step, index) => {
    const seconds = isRecord(step) ? step.seconds : undefined;
    if (!isRecord(step) || typeof step.name !== 'string' || typeof seconds !== 'number' || !(seconds > 0)) {
      throw new ValidationError(`${where}.steps[${index}]: must be { name, seconds } with seconds > 0`);
    }
    return { name: step.name, seconds };
  });
  if (steps.length === 0) throw new ValidationError(`${where}.steps: must have at least one step`);
  const queued = flow.queuedSeconds;
  if (queued !== undefined && !(typeof queued === 'number' && queued >= 0)) throw new ValidationError(`${where}.queuedSeconds: must be a number ≥ 0`);
  return {
    flowId: flow.flowId,
    name: flow.name,
    steps,
    outcome: flow.outcome as FlowOutcome,
    ...(typeof queued === 'number' ? { queuedSeconds: queued } : {}),
    ...(typeof flow.error === 'string' ? { error: flow.error } : {}),
  };
}

function demoFlow(value: unknown, flowIds: Readonly<Record<string, string>>, where: string): string {
  if (typeof value !== 'string' || !Object.hasOwn(flowIds, value)) throw new ValidationError(`${where}: must be a flow key of this config (${Object.keys(flowIds).join(', ')})`);
  return value;
}

function flowIdOf(flow: string, flowIds: Readonly<Record<string, string>>, where: string): string {
  if (UUID.test(flow)) return flow;
  const id = Object.hasOwn(flowIds, flow) ? flowIds[flow] : undefined;
  if (id === undefined) throw new ValidationError(`${where}: no flow '${flow}' in the config (known: ${Object.keys(flowIds).join(', ')})`);
  return id;
}

function listOf(value: unknown, where: string): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ValidationError(`${where}: must be a list`);
  return value;
}

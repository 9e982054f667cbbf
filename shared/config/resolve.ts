/**
 * Builds the RunFlow a run carries (shared/model.ts) from the config: defaults, then the
 * schedule's or the caller's values. The caller's parameter values are typed here, against the
 * flow's declared types (the one place that knows them), before anything is started, so a bad
 * request is refused with a message naming the parameter. runProfileName and notificationEnabled
 * arrive typed from the edge (webhook body, CLI); only the flow's policy is applied to them.
 */
import type { AlertingRunFlow } from '../alerts/alert-policy.ts';
import { ValidationError } from '../errors.ts';
import type { RunParameter, SecretParameter } from '../model.ts';
import { isTemplate } from '../periods/template-text.ts';
import { isDefaultAlertPolicy } from '../alerts/alert-policy.ts';
import { parameterValueProblem } from '../dataworq/parameter-types.ts';
import type { DwqConfig, FlowConfig, ParameterValue } from './schema.ts';

/** A value for one parameter and, when the config wrote it, where (a config value may be a template). */
interface ChosenValue {
  readonly value: ParameterValue;
  /** Undefined for a caller's value: it is sent as given, never rendered. */
  readonly configPath?: string;
}

export interface RunFlowRequest {
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly runProfileName?: string;
  readonly notificationEnabled?: boolean;
}

export interface ResolveOptions {
  /** Parameters the caller may set (a webhook's `allow`); absent = any declared parameter. */
  readonly allowlist?: readonly string[];
  /** False refuses a runProfileName in the request (a webhook without allowRunProfileOverride). Default true. */
  readonly allowRunProfileOverride?: boolean;
}

export function resolveRunFlow(config: DwqConfig, flowName: string, request: RunFlowRequest = {}, options: ResolveOptions = {}): AlertingRunFlow {
  const flow = findFlow(config, flowName);
  const overrides = checkRequestParameters(flow, request.parameters ?? {}, options.allowlist);
  const chosen = Object.fromEntries(Object.entries(overrides).map(([name, value]) => [name, { value }]));
  return buildRunFlow(config, flow, chosen, {
    runProfileName: allowedRunProfileName(flow, request.runProfileName, options.allowRunProfileOverride ?? true),
    notificationEnabled: request.notificationEnabled,
  });
}

/**
 * The RunFlow a schedule's target input carries; the config already checked the schedule's values.
 * `parameters` (an operator's `-p` values) override them, checked as a caller's would be.
 */
export function scheduleRunFlow(config: DwqConfig, flowName: string, scheduleName: string, parameters: Readonly<Record<string, unknown>> = {}): AlertingRunFlow {
  const flow = findFlow(config, flowName);
  const schedule = flow.schedules.find((candidate) => candidate.name === scheduleName);
  if (schedule === undefined) {
    const known = flow.schedules.map((candidate) => candidate.name).join(', ') || 'none';
    throw new ValidationError(`unknown schedule '${scheduleName}' for flow '${flow.name}' (known: ${known})`);
  }
  const index = flow.schedules.indexOf(schedule);
  const overrides = checkRequestParameters(flow, parameters, undefined);
  const chosen = {
    ...Object.fromEntries(
      Object.entries(schedule.parameters).map(([name, value]) => [name, { value, configPath: `flows.${flow.name}.schedules[${index}].parameters.${name}` }]),
    ),
    ...Object.fromEntries(Object.entries(overrides).map(([name, value]) => [name, { value }])),
  };
  return buildRunFlow(config, flow, chosen, {});
}

function findFlow(config: DwqConfig, flowName: string): FlowConfig {
  const flow = Object.hasOwn(config.flows, flowName) ? config.flows[flowName] : undefined;
  if (flow === undefined) throw new ValidationError(`unknown flow '${flowName}' (known: ${Object.keys(config.flows).join(', ')})`);
  return flow;
}

function checkRequestParameters(
  flow: FlowConfig,
  parameters: Readonly<Record<string, unknown>>,
  allowlist: readonly string[] | undefined,
): Record<string, ParameterValue> {
  const checked: Record<string, ParameterValue> = {};
  for (const [name, value] of Object.entries(parameters)) {
    const declared = Object.hasOwn(flow.parameters, name) ? flow.parameters[name] : undefined;
    if (declared === undefined) {
      throw new ValidationError(`unknown parameter '${name}' for flow '${flow.name}' (declared: ${Object.keys(flow.parameters).join(', ') || 'none'})`);
    }
    if (declared.fromSecret !== undefined) {
      throw new ValidationError(`parameter '${name}' of flow '${flow.name}' is read from a secret and cannot be set`);
    }
    if (allowlist !== undefined && !allowlist.includes(name)) {
      throw new ValidationError(`parameter '${name}' of flow '${flow.name}' may not be set by the caller (allowed: ${allowlist.join(', ') || 'none'})`);
    }
    const problem = parameterValueProblem(declared.type, value);
    if (problem !== undefined) throw new ValidationError(`parameter '${name}' of flow '${flow.name}' ${problem}`);
    checked[name] = value as ParameterValue;
  }
  return checked;
}

function allowedRunProfileName(flow: FlowConfig, runProfileName: string | undefined, allowed: boolean): string | undefined {
  if (runProfileName !== undefined && !allowed) throw new ValidationError(`flow '${flow.name}' does not allow overriding runProfileName`);
  return runProfileName;
}

/** The flow's retry policy and the maintenance windows that cover it, only when it has them. */
function runPolicies(config: DwqConfig, flow: FlowConfig): Pick<AlertingRunFlow, 'retry' | 'maintenance'> {
  const windows = (config.maintenance ?? []).filter((window) => window.flows.includes(flow.name));
  return {
    ...(flow.retry ? { retry: flow.retry } : {}),
    ...(windows.length > 0 ? { maintenance: windows.map(({ name, cron, durationSeconds, timeZone }) => ({ name, cron, durationSeconds, timeZone })) } : {}),
  };
}

function buildRunFlow(
  config: DwqConfig,
  flow: FlowConfig,
  values: Readonly<Record<string, ChosenValue>>,
  overrides: { readonly runProfileName?: string; readonly notificationEnabled?: boolean },
): AlertingRunFlow {
  const parameters: RunParameter[] = [];
  const secretParameters: SecretParameter[] = [];
  for (const [name, declared] of Object.entries(flow.parameters)) {
    // Read by Submit at call time: only the secret's name travels with the run.
    if (declared.fromSecret !== undefined) {
      secretParameters.push({ name, type: declared.type, secretName: declared.fromSecret });
      continue;
    }
    const defaulted = declared.default === undefined ? undefined : { value: declared.default, configPath: `flows.${flow.name}.parameters.${name}.default` };
    const chosen = Object.hasOwn(values, name) ? values[name] : defaulted;
    if (chosen === undefined) continue;
    // Only the config's own values are templates; Submit renders them from the run's logical time.
    if (chosen.configPath !== undefined && isTemplate(chosen.value)) parameters.push({ name, type: declared.type, template: chosen.value, path: chosen.configPath });
    else parameters.push({ name, type: declared.type, value: chosen.value });
  }
  const templated = parameters.some((parameter) => 'template' in parameter);
  return {
    name: flow.name,
    flowId: flow.flowId,
    dataworqFlowName: flow.dataworqFlowName,
    runProfileName: overrides.runProfileName ?? flow.runProfileName,
    notificationEnabled: overrides.notificationEnabled ?? flow.notificationEnabled,
    parameters,
    ...(templated ? { calendar: config.calendar } : {}),
    ...(secretParameters.length > 0 ? { secretParameters } : {}),
    maxDurationSeconds: flow.maxDurationSeconds,
    lostAfterSeconds: flow.lostAfterSeconds,
    overlap: flow.overlap,
    // Notify applies the default policy itself: only a flow's own policy needs to travel.
    ...(isDefaultAlertPolicy(flow.alerts) ? {} : { alerts: flow.alerts }),
    ...runPolicies(config, flow),
  };
}

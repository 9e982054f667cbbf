/**
 * The "render parameters" step at the start of a run: the RunFlow with its templates rendered
 * from the trigger's logical time, and the values to freeze in the RunState so that Check,
 * Notify and the run record show what was sent.
 */
import type { FlowParameter } from '../dataworq/parameter-types.ts';
import type { LogicalTime, RunFlow, RunState, RunTrigger } from '../model.ts';
import { DEFAULT_CALENDAR } from './calendar.ts';

export interface RenderedRunFlow {
  readonly flow: RunFlow & { readonly parameters: readonly FlowParameter[] };
  /** Empty when the flow has no template: the run state keeps its earlier shape. */
  readonly frozen: Pick<RunState, 'logicalTime' | 'parameters'>;
}

/** The trigger's logical time; a run started before logical times existed uses trigger.time in UTC. */
export function logicalTimeOf(trigger: RunTrigger): LogicalTime {
  return trigger.logicalTime ?? { time: trigger.time, timeZone: 'UTC' };
}

/**
 * Throws ParameterTemplateError (a ValidationError) naming the parameter and what it rendered.
 * The renderer and its date library are loaded only for a flow with templates: Submit's cold
 * start stays that of a handler without them (Luxon is ~71 KB of the bundle).
 */
export async function renderRunFlow(flow: RunFlow, trigger: RunTrigger): Promise<RenderedRunFlow> {
  if (!flow.parameters.some((parameter) => 'template' in parameter)) {
    return { flow: flow as RenderedRunFlow['flow'], frozen: {} };
  }
  const { logicalDateTime, renderParameters } = await import('./render.ts');
  const { time, timeZone } = logicalTimeOf(trigger);
  const parameters = renderParameters(flow.parameters, time, timeZone, flow.calendar ?? DEFAULT_CALENDAR);
  const logicalTime = logicalDateTime(time, timeZone).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
  return { flow: { ...flow, parameters }, frozen: { logicalTime, parameters } };
}

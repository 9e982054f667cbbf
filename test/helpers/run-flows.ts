/** The RunFlow the engine tests run unless they need another: `nightly-load`, DataWORQ's Sleep6Split. */
import type { RunFlow } from '../../shared/model.ts';

export function nightlyFlow(overrides: Partial<RunFlow> = {}): RunFlow {
  return {
    name: 'nightly-load',
    flowId: 'f21bf040-c22b-454e-8561-2115e90aaa55',
    dataworqFlowName: 'Sleep6Split',
    runProfileName: 'default',
    notificationEnabled: false,
    parameters: [],
    maxDurationSeconds: 900,
    lostAfterSeconds: 1800,
    overlap: 'skip',
    ...overrides,
  };
}

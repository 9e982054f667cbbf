import type { EmulatorFlow, EmulatorStep } from './types.ts';

/** `Step 1`, `Step 2`, ... lasting these many seconds each, as DataWORQ numbers a flow's steps. */
function numberedSteps(...seconds: readonly number[]): readonly EmulatorStep[] {
  return seconds.map((length, index) => ({ name: `Step ${index + 1}`, seconds: length }));
}

/**
 * The flows the emulator knows unless told otherwise, with fixed ids so the example config, the
 * docs and the tests name the same flows. Short enough for a demo at speed 1.
 */
export const EMULATOR_CATALOGUE = {
  'demo-load': {
    flowId: '2932ca30-8871-48b1-8e9b-90b744020b68',
    name: 'Demo',
    steps: numberedSteps(3, 4, 5),
    outcome: 'COMPLETED',
    parameters: [
      { name: 'SOURCEFILE', type: 'string' },
      { name: 'TABLENAME', type: 'string' },
      { name: 'ROWS', type: 'integer' },
      { name: 'THRESHOLD', type: 'float' },
    ],
  },
  'sleep-split': {
    flowId: 'f21bf040-c22b-454e-8561-2115e90aaa55',
    name: 'Sleep6Split',
    steps: numberedSteps(5, 5, 5),
    outcome: 'COMPLETED',
  },
  'broken-export': {
    flowId: '7d4c2f9e-3b1a-4e8d-9f60-1a2b3c4d5e6f',
    name: 'BrokenExport',
    steps: numberedSteps(3, 4),
    outcome: 'ERROR',
    error: 'Database:Database node_7954912 failed: ORA-12541: TNS:no listener',
  },
  'cancelled-flow': {
    flowId: '0b8e6a52-9c3d-4f1e-8a7b-5c6d7e8f9a0b',
    name: 'CancelMe',
    steps: numberedSteps(4),
    outcome: 'CANCELLED',
  },
  'slow-queue': {
    flowId: '4f3e2d1c-0b9a-4876-a5b4-c3d2e1f0a9b8',
    name: 'SlowQueue',
    queuedSeconds: 6,
    steps: numberedSteps(3, 3),
    outcome: 'COMPLETED',
  },
} as const satisfies Record<string, EmulatorFlow>;

export type CatalogueFlowName = keyof typeof EMULATOR_CATALOGUE;

export const catalogueFlows: readonly EmulatorFlow[] = Object.values(EMULATOR_CATALOGUE);

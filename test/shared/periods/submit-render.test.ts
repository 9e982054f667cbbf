/**
 * The "render parameters" step of Submit: templates are rendered from the trigger's logical time
 * (never the clock), sent typed, and frozen in the run state; a value the type cannot take ends
 * the run SUBMIT_FAILED with a message naming the parameter and what it rendered.
 */
import { describe, expect, it } from 'vitest';
import type { DataworqClient, StartFlowRequest } from '../../../shared/dataworq/types.ts';
import type { RunFlow } from '../../../shared/model.ts';
import { scheduleTrigger } from '../../../shared/periods/logical-time.ts';
import { submitRun } from '../../../shared/run/submit.ts';

const FLOW: RunFlow = {
  name: 'month-end',
  flowId: '2932ca30-8871-48b1-8e9b-90b744020b68',
  dataworqFlowName: 'Demo',
  runProfileName: 'default',
  notificationEnabled: false,
  parameters: [
    { name: 'PERIOD', type: 'string', template: "{{ logicalTime | format: 'yyyy-MM' }}", path: 'flows.month-end.parameters.PERIOD.default' },
    { name: 'RUN_DATE', type: 'string', template: "{{ logicalTime | shift: '-P1D' | format: 'yyyy-MM-dd' }}", path: 'flows.month-end.parameters.RUN_DATE.default' },
    { name: 'FY', type: 'integer', template: '{{ logicalTime | fiscalYear }}', path: 'flows.month-end.parameters.FY.default' },
    { name: 'ROWS', type: 'integer', value: 500 },
  ],
  calendar: { fiscalYearStart: 4, fiscalYearNamedBy: 'endYear' },
  maxDurationSeconds: 3600,
  lostAfterSeconds: 600,
  overlap: 'allow',
};

function recordingDataworq(): { client: DataworqClient; started: StartFlowRequest[] } {
  const started: StartFlowRequest[] = [];
  const client = {
    startFlow: async (request: StartFlowRequest) => {
      started.push(request);
      return 'job-1';
    },
    listJobs: async () => [],
  } as unknown as DataworqClient;
  return { client, started };
}

describe('Function: submitRun › render parameters', () => {
  it('renders the scheduled period when the delivery is retried an hour late, across a month and fiscal year end', async () => {
    // Prepare: the schedule fired at 23:30 London time on 31 March; Scheduler delivers at 00:30 on 1 April.
    const { client, started } = recordingDataworq();
    const fire = '2026-03-31T22:30:00Z';
    const clock = { now: () => new Date('2026-03-31T23:30:00Z') };
    const trigger = scheduleTrigger('month-end', { name: 'nightly', timeZone: 'Europe/London' }, fire);

    // Act
    const run = await submitRun({ flow: FLOW, trigger, runId: 'month-end--nightly-1' }, { dataworq: client, clock });

    // Assess
    const sent = [
      { name: 'PERIOD', type: 'string', value: '2026-03' },
      { name: 'RUN_DATE', type: 'string', value: '2026-03-30' },
      { name: 'FY', type: 'integer', value: 2026 },
      { name: 'ROWS', type: 'integer', value: 500 },
    ];
    expect(started.map((request) => request.parameters)).toEqual([sent]);
    expect(run.outcome).toBeUndefined();
    expect(run.parameters).toEqual(sent);
    expect(run.logicalTime).toBe('2026-03-31T23:30:00+01:00');
  });

  it('ends SUBMIT_FAILED, naming the parameter and the rendered text, when an integer template renders text', async () => {
    // Prepare
    const { client, started } = recordingDataworq();
    const flow: RunFlow = {
      ...FLOW,
      parameters: [{ name: 'FY', type: 'integer', template: "FY{{ logicalTime | fiscalYear }}", path: 'flows.month-end.parameters.FY.default' }],
    };
    const trigger = scheduleTrigger('month-end', { name: 'nightly', timeZone: 'Europe/London' }, '2026-04-01T01:00:00Z');

    // Act
    const run = await submitRun({ flow, trigger, runId: 'month-end--nightly-2' }, { dataworq: client, clock: { now: () => new Date('2026-04-01T01:00:05Z') } });

    // Assess
    expect(started).toEqual([]);
    expect(run.outcome).toBe('SUBMIT_FAILED');
    expect(run.message).toBe(
      "parameter FY (flows.month-end.parameters.FY.default) is an integer, but the template rendered 'FY2027', which is not an integer",
    );
  });

  it('leaves a flow without templates as it was: no frozen fields in the run state', async () => {
    // Prepare
    const { client, started } = recordingDataworq();
    const flow: RunFlow = { ...FLOW, parameters: [{ name: 'ROWS', type: 'integer', value: 500 }] };
    const trigger = { kind: 'manual' as const, id: 'cli:test', time: '2026-04-01T01:00:00Z' };

    // Act
    const run = await submitRun({ flow, trigger, runId: 'month-end--manual-1' }, { dataworq: client, clock: { now: () => new Date('2026-04-01T01:00:00Z') } });

    // Assess
    expect(started[0]?.parameters).toEqual([{ name: 'ROWS', type: 'integer', value: 500 }]);
    expect(run).not.toHaveProperty('parameters');
    expect(run).not.toHaveProperty('logicalTime');
  });
});

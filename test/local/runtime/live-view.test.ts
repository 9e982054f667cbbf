import { describe, expect, it } from 'vitest';
import { LiveView } from '../../../local/runtime/live-view.ts';
import type { LocalRun } from '../../../local/runtime/local-executor.ts';
import type { RunState } from '../../../shared/model.ts';
import { demoFlow } from '../../shared/alerts/notify-inputs.ts';
import { capturedOutput } from './support/local-kit.ts';

const NOW = new Date('2026-03-01T10:00:20.000Z');
const clock = { now: () => NOW };

function run(latest?: Partial<RunState>, state: LocalRun['state'] = 'RUNNING'): LocalRun {
  return {
    runId: 'demo-load--wh-3f9a0c1d2e4b5a6978c0d1e2',
    input: { flow: demoFlow, trigger: { kind: 'webhook', id: 'msg_1', time: '2026-03-01T10:00:00.000Z' } },
    startedAt: '2026-03-01T10:00:00.000Z',
    state,
    stateOutputBytes: [],
    done: Promise.resolve(),
    ...(latest
      ? {
          latest: {
            runId: 'demo-load--wh-3f9a0c1d2e4b5a6978c0d1e2',
            jobId: 'e1700832-86d6-4f70-8cdd-2696c7c5466a',
            submittedAt: '2026-03-01T10:00:00.000Z',
            deadline: '2026-03-01T12:00:00.000Z',
            poll: { iteration: 2, waitSeconds: 5, consecutiveFailures: 0, consecutiveRejections: 0, lastStatus: 'RUNNING' },
            ...latest,
          },
        }
      : {}),
  };
}

describe('Class: LiveView', () => {
  it('prints one plain line per change when not on a terminal', () => {
    // Prepare
    const out = capturedOutput();
    let runs = [run()];
    const view = new LiveView({ out, tty: false, clock, runs: () => runs });

    // Act
    view.tick();
    view.tick();
    runs = [run({})];
    view.tick();
    runs = [run({ outcome: 'COMPLETED', poll: { iteration: 3, waitSeconds: 5, consecutiveFailures: 0, consecutiveRejections: 0, lastStatus: 'COMPLETED' } }, 'SUCCEEDED')];
    view.tick();

    // Assess
    expect(out.text().split('\n').filter(Boolean)).toEqual([
      '2026-03-01T10:00:20.000Z run demo-load--wh-3f9a0c1d2e4b5a6978c0d1e2 flow=demo-load state=SUBMITTING dataworq=- elapsed=0:20',
      '2026-03-01T10:00:20.000Z run demo-load--wh-3f9a0c1d2e4b5a6978c0d1e2 flow=demo-load state=POLLING #2 dataworq=RUNNING elapsed=0:20',
      '2026-03-01T10:00:20.000Z ended demo-load--wh-3f9a0c1d2e4b5a6978c0d1e2 flow=demo-load state=COMPLETED dataworq=COMPLETED elapsed=0:20',
    ]);
  });

  it('draws a table of active runs on a terminal and keeps it below printed lines', async () => {
    // Prepare
    const out = capturedOutput(true);
    const view = new LiveView({
      out,
      tty: true,
      clock,
      runs: () => [run({})],
      steps: async () => new Map([['e1700832-86d6-4f70-8cdd-2696c7c5466a', 'RUNNING Step 2']]),
    });
    view.tick();
    await new Promise((resolve) => setTimeout(resolve, 0));

    // Act
    view.print('[webhook] webhook run started');

    // Assess
    const [firstTable, afterPrint] = out.text().split('\x1b[2A\r\x1b[J');
    expect(firstTable).toBe(
      'RUN                                     FLOW       STATE       DATAWORQ  ELAPSED\n' +
        'demo-load--wh-3f9a0c1d2e4b5a6978c0d1e2  demo-load  POLLING #2  RUNNING   0:20\n',
    );
    expect(afterPrint).toBe(
      '[webhook] webhook run started\n' +
        'RUN                                     FLOW       STATE       DATAWORQ        ELAPSED\n' +
        'demo-load--wh-3f9a0c1d2e4b5a6978c0d1e2  demo-load  POLLING #2  RUNNING Step 2  0:20\n',
    );
  });

  it('says it is waiting when no run is active, when given the words', () => {
    // Prepare
    const out = capturedOutput(true);
    const view = new LiveView({ out, tty: true, clock, runs: () => [], idleText: 'No active runs. Waiting for webhook calls and schedules (Ctrl-C to stop).' });

    // Act
    view.tick();

    // Assess
    expect(out.text()).toBe('No active runs. Waiting for webhook calls and schedules (Ctrl-C to stop).\n');
  });
});

import { describe, expect, it } from 'vitest';
import { walkExecution, type WalkableDefinition } from '../../../shared/cost/asl-walk.ts';
import { baselineTransitions } from '../../../bench/baseline-cost.ts';
import { JOB_STATUS_POLLER } from '../../../bench/job-status-poller.ts';

const LOOP: WalkableDefinition = {
  StartAt: 'Start',
  States: {
    Start: { Type: 'Task', ResultPath: '$.job', Next: 'Done?' },
    'Done?': {
      Type: 'Choice',
      Choices: [
        { And: [{ Variable: '$.job.state', IsPresent: true }, { Variable: '$.job.state', StringEquals: 'FAILED' }], Next: 'Failed' },
        { Not: { Variable: '$.job.finished', BooleanEquals: false }, Next: 'End' },
      ],
      Default: 'Wait',
    },
    Wait: { Type: 'Wait', Seconds: 1, Next: 'Poll' },
    Poll: { Type: 'Task', ResultPath: '$.job', Next: 'Done?' },
    Failed: { Type: 'Fail' },
    End: { Type: 'Succeed' },
  },
};

describe('Function: walkExecution', () => {
  it('counts every state entered as a transition and every Task entered as an invocation', () => {
    // Act
    const count = walkExecution(LOOP, { Start: () => ({ finished: false }), Poll: (n) => ({ finished: n >= 3 }) });
    // Assess: Start, Done?, then (Wait, Poll, Done?) three times, then End.
    expect(count.transitions).toBe(1 + 1 + 3 * 3 + 1);
    expect(count.tasks).toEqual({ Start: 1, Poll: 3 });
    expect(count.endState).toBe('End');
  });

  it('follows And/IsPresent/StringEquals rules to the failure branch', () => {
    const count = walkExecution(LOOP, { Start: () => ({ finished: false }), Poll: () => ({ state: 'FAILED', finished: false }) });
    expect(count.endState).toBe('Failed');
    expect(count.tasks.Poll).toBe(1);
  });

  it('refuses a definition whose Choice matches nothing and has no Default', () => {
    const broken: WalkableDefinition = { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'C' }] } } };
    expect(() => walkExecution(broken, {})).toThrow(/NoChoiceMatched/);
  });
});

describe('Function: baselineTransitions', () => {
  it('prices the Job Status Poller sample at three transitions per check plus submit and the final state', () => {
    expect(baselineTransitions(1, false)).toBe(1 + 3 + 1);
    expect(baselineTransitions(10, false)).toBe(1 + 30 + 1);
    expect(baselineTransitions(10, true)).toBe(1 + 30 + 1);
    expect(walkExecution(JOB_STATUS_POLLER, { 'Submit Job': () => 'id', 'Get Job Status': () => 'FAILED', 'Get Final Job Status': () => 'x' }).endState).toBe('Job Failed');
  });
});

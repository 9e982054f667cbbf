/**
 * NotifyInput fixtures shaped like real runs: the seed's Demo job (2956fdae-…), its log and
 * times, and the partial states the run engine produces for SUBMIT_FAILED, LOST and SKIPPED.
 */
import type { JobSummary, NotifyInput, RunFlow, RunState } from '../../../shared/model.ts';

export const SEED_JOB_ID = '2956fdae-73f8-45ec-a999-bf3514020472';
export const RUN_ID = 'demo-load-schedule-nightly-20210519T1600Z';

/** The seed's Demo log tail, `\r\n` already normalised as the Check step does. */
export const SEED_LOG_TAIL = [
  '05/19/2021 12:01:59,150 [pool-9-thread-1] PERFORMANCE user.${ctx:USER} node.DatabaseExportNode - node_7954912:Database:Database | Elapsed Time (s): 2.616 | Rows: 0 | Rows/sec: 0.0',
  '05/19/2021 12:02:06,270 [pool-9-thread-1] PERFORMANCE user.${ctx:USER} node.DatabaseCommandOutputNode - node_9063046:Command Line:Command Line | Elapsed Time (s): 7.116',
  '|  Total   |  COMPLETED  |  9.738 seconds      |',
  '05/19/2021 12:02:06,290 [pool-8-thread-1] INFO user.${ctx:USER} job.RunProfileJobImpl - Job completed successfully.',
  '',
].join('\n');

export const demoFlow: RunFlow = {
  name: 'demo-load',
  flowId: '2932ca30-8871-48b1-8e9b-90b744020b68',
  dataworqFlowName: 'Demo',
  runProfileName: 'default',
  notificationEnabled: false,
  parameters: [
    { name: 'SOURCEFILE', type: 'string', value: 'C:\\Temp\\retail_unit_demand.csv' },
    { name: 'TABLENAME', type: 'string', value: 'DEMO_TABLE' },
  ],
  maxDurationSeconds: 3600,
  lostAfterSeconds: 900,
  overlap: 'skip',
};

export const completedJob: JobSummary = {
  jobId: SEED_JOB_ID,
  executionStatus: 'COMPLETED',
  flowName: 'Demo',
  runProfileName: 'default',
  startTime: '2021-05-19T16:01:56.248Z',
  endTime: '2021-05-19T16:02:06.291Z',
  runtime: '10.043 seconds',
  currentStep: 'Step 3',
  currentStepStatus: 'COMPLETED',
  logTail: SEED_LOG_TAIL,
  logTruncatedBytes: 0,
};

const baseRun: RunState = {
  runId: RUN_ID,
  jobId: SEED_JOB_ID,
  submittedAt: '2021-05-19T16:01:55.900Z',
  deadline: '2021-05-19T17:01:55.900Z',
  poll: { iteration: 2, waitSeconds: 10, consecutiveFailures: 0, consecutiveRejections: 0 },
  job: completedJob,
  outcome: 'COMPLETED',
  endedAt: '2021-05-19T16:02:08.000Z',
};

export function notifyInput(run: Partial<RunState> = {}, flow: Partial<RunFlow> = {}): NotifyInput {
  return {
    flow: { ...demoFlow, ...flow },
    trigger: { kind: 'schedule', id: 'nightly', time: '2021-05-19T16:00:00.000Z' },
    run: { ...baseRun, ...run },
  };
}

export const completedInput = notifyInput();

/** A job that failed at 02:14 UTC, as in the brief's SMS example. */
export function erroredInput(error = 'ORA-12541: TNS:no listener', flow: Partial<RunFlow> = {}): NotifyInput {
  return notifyInput(
    {
      submittedAt: '2021-05-20T02:10:00.000Z',
      deadline: '2021-05-20T03:10:00.000Z',
      job: {
        ...completedJob,
        executionStatus: 'ERROR',
        startTime: '2021-05-20T02:10:01.000Z',
        endTime: '2021-05-20T02:14:13.000Z',
        runtime: '252.0 seconds',
        currentStep: 'Step 2',
        currentStepStatus: 'ERROR',
        error,
        logTail: [
          '05/19/2021 22:10:02,001 [pool-9-thread-1] INFO user.${ctx:USER} job.RunProfileJobImpl - Job started.',
          '05/19/2021 22:14:12,998 [pool-9-thread-1] ERROR user.${ctx:USER} node.DatabaseExportNode - node_7954912: ' + error.split('\n')[0],
          '',
        ].join('\n'),
      },
      outcome: 'ERROR',
      message: 'DataWORQ reported ERROR',
      endedAt: '2021-05-20T02:14:20.000Z',
    },
    flow,
  );
}

export const submitFailedInput = notifyInput({
  jobId: undefined,
  job: undefined,
  outcome: 'SUBMIT_FAILED',
  message: 'DataWORQ refused the execute request (HTTP 400): Bad Request or Server error',
  endedAt: '2021-05-19T16:01:57.000Z',
  // Submit marks a refusal as certain: the alert may then say no job was started.
  noJobStarted: true,
});

/** Status calls failed for longer than lostAfterSeconds: only what the first checks saw is left. */
export const lostInput = notifyInput({
  job: { jobId: SEED_JOB_ID, executionStatus: 'RUNNING', currentStep: 'Step 3', currentStepStatus: 'RUNNING' },
  outcome: 'LOST',
  message: 'DataWORQ status unreachable for 15m 0s (since 2021-05-19T16:20:00.000Z)',
  endedAt: '2021-05-19T16:35:00.000Z',
});

export const timedOutInput = notifyInput({
  job: { ...completedJob, executionStatus: 'RUNNING', endTime: undefined, runtime: undefined, currentStepStatus: 'RUNNING', logTail: undefined },
  outcome: 'TIMED_OUT',
  message: 'still RUNNING after the flow maximum of 1h 0m',
  endedAt: '2021-05-19T17:01:56.000Z',
});

export const skippedInput = notifyInput({
  jobId: undefined,
  job: undefined,
  outcome: 'SKIPPED',
  message: 'skipped: job 54d9d784-e574-4160-9f44-6fb95317fecb of this flow is still RUNNING',
  endedAt: '2021-05-19T16:00:01.000Z',
});

export const cancelledInput = notifyInput({
  job: { ...completedJob, executionStatus: 'CANCELLED', currentStepStatus: 'CANCELLED' },
  outcome: 'CANCELLED',
});

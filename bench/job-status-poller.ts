/**
 * The baseline: the AWS Step Functions "Job Status Poller" sample project, as its Lambda version
 * is laid out (Submit Job → Wait X Seconds → Get Job Status → Job Complete? → Get Final Job
 * Status), waiting a fixed 60 s between checks. P2 prices it with the same walk as our RunFlow.
 */
import type { WalkableDefinition } from '../shared/cost/asl-walk.ts';

export const FIXED_POLL_SECONDS = 60;

const lambda = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

export const JOB_STATUS_POLLER: WalkableDefinition = {
  StartAt: 'Submit Job',
  States: {
    'Submit Job': { Type: 'Task', Resource: lambda('SubmitJob'), ResultPath: '$.guid', Next: 'Wait X Seconds' },
    'Wait X Seconds': { Type: 'Wait', Seconds: FIXED_POLL_SECONDS, Next: 'Get Job Status' },
    'Get Job Status': { Type: 'Task', Resource: lambda('CheckJob'), ResultPath: '$.status', Next: 'Job Complete?' },
    'Job Complete?': {
      Type: 'Choice',
      Choices: [
        { Variable: '$.status', StringEquals: 'FAILED', Next: 'Job Failed' },
        { Variable: '$.status', StringEquals: 'SUCCEEDED', Next: 'Get Final Job Status' },
      ],
      Default: 'Wait X Seconds',
    },
    'Job Failed': { Type: 'Fail', Cause: 'Job Failed', Error: 'Get Job Status returned FAILED' },
    'Get Final Job Status': { Type: 'Task', Resource: lambda('CheckJob'), ResultPath: '$.status', End: true },
  },
};

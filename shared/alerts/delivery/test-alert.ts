/**
 * `dwq test-alert`: a sample alert, rendered by the real renderers and published through the
 * real path, that reaches exactly one subscriber. Its `outcome` attribute is the value only that
 * subscriber's filter policy lists (testAlertOutcome); its bodies show the outcome asked for.
 */
import type { SubscriberConfig } from '../../config/subscriber-schema.ts';
import type { DwqConfig } from '../../config/schema.ts';
import { resolveRunFlow } from '../../config/resolve.ts';
import { ValidationError } from '../../errors.ts';
import type { NotifyInput, Outcome } from '../../model.ts';
import { OUTCOMES } from '../../model.ts';
import type { AlertMessage } from '../alert-message.ts';
import { testAlertOutcome } from '../filter-policy.ts';
import { formatAlert } from '../format-alert.ts';

const SAMPLE_JOB_ID = '00000000-test-4000-8000-000000000000';

export function testAlertFor(config: DwqConfig, subscriberName: string, outcome: string | undefined, now: Date): { message: AlertMessage; subscriber: SubscriberConfig; outcome: Outcome } {
  const subscriber = config.subscribers.find((candidate) => candidate.name === subscriberName);
  if (!subscriber) {
    const names = config.subscribers.map((candidate) => candidate.name).join(', ') || 'none';
    throw new ValidationError(`no subscriber named '${subscriberName}' in the config (subscribers: ${names})`);
  }
  const chosen = chooseOutcome(subscriber, outcome);
  const flowName = subscriber.allFlows || subscriber.flows.length === 0 ? Object.keys(config.flows)[0] : subscriber.flows[0];
  if (flowName === undefined || config.flows[flowName] === undefined) throw new ValidationError('the config has no flow to name in a test alert');
  const message = formatAlert(sampleInput(config, flowName, chosen, now, subscriberName), { kind: 'new' });
  return { message: { ...message, attributes: { ...message.attributes, outcome: testAlertOutcome(subscriber.name) } }, subscriber, outcome: chosen };
}

function chooseOutcome(subscriber: SubscriberConfig, asked: string | undefined): Outcome {
  const receives = subscriber.outcomes.filter((outcome): outcome is Outcome => (OUTCOMES as readonly string[]).includes(outcome));
  if (asked === undefined) return receives.includes('ERROR') ? 'ERROR' : (receives[0] ?? 'ERROR');
  const upper = asked.toUpperCase();
  if (!(OUTCOMES as readonly string[]).includes(upper)) throw new ValidationError(`--outcome: '${asked}' is no run outcome; use one of ${OUTCOMES.join(', ')}`);
  if (!subscriber.outcomes.includes(upper as Outcome)) {
    throw new ValidationError(`subscriber ${subscriber.name} does not receive ${upper} alerts (its outcomes: ${subscriber.outcomes.join(', ')}); pass --outcome with one of those`);
  }
  return upper as Outcome;
}

function sampleInput(config: DwqConfig, flowName: string, outcome: Outcome, now: Date, subscriber: string): NotifyInput {
  const flow = resolveRunFlow(config, flowName);
  const started = new Date(now.getTime() - 95_000).toISOString();
  const failed = outcome !== 'COMPLETED' && outcome !== 'SKIPPED';
  return {
    flow,
    trigger: { kind: 'manual', id: 'dwq test-alert', time: now.toISOString() },
    run: {
      runId: `test-alert-${now.toISOString().replace(/[-:.]/g, '')}`,
      jobId: SAMPLE_JOB_ID,
      submittedAt: started,
      deadline: now.toISOString(),
      poll: { iteration: 1, waitSeconds: 10, consecutiveFailures: 0, consecutiveRejections: 0 },
      outcome,
      endedAt: now.toISOString(),
      message: `Test alert from dwq test-alert for subscriber ${subscriber}: no job ran. If you can read this, ${subscriber} receives DataWORQ alerts.`,
      job: {
        jobId: SAMPLE_JOB_ID,
        executionStatus: outcome === 'ERROR' || outcome === 'CANCELLED' || outcome === 'COMPLETED' ? outcome : 'RUNNING',
        flowName: flow.dataworqFlowName,
        runProfileName: flow.runProfileName,
        startTime: started,
        endTime: now.toISOString(),
        currentStep: 'Step 2',
        currentStepStatus: failed ? 'ERROR' : 'COMPLETED',
        ...(failed ? { error: 'Test alert: no job failed. This is where DataWORQ\'s error would be.' } : {}),
        logTail: 'INFO test-alert - this is where the last lines of the job log would be\r\nINFO test-alert - sent by dwq test-alert\r\n',
        logTruncatedBytes: 0,
      },
    },
  };
}

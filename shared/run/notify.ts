/**
 * The Notify step: one alert per run. A publish failure is thrown (AlertPublishError) so that the
 * state machine retries it and, if it never goes out, fails the execution for the alarm to catch.
 */
import { formatAlert } from '../alerts/format-alert.ts';
import type { AlertPublisher } from '../alerts/publisher.ts';
import type { Log } from '../log.ts';
import { silentLog } from '../log.ts';
import type { NotifyInput, Outcome } from './model.ts';

export interface NotifyDeps {
  readonly publisher: AlertPublisher;
  readonly log?: Log;
}

export interface NotifyResult {
  readonly outcome: Outcome;
  readonly alerted: boolean;
  readonly messageId?: string;
  readonly subject?: string;
}

export async function notifyRun(input: NotifyInput, deps: NotifyDeps): Promise<NotifyResult> {
  const log = deps.log ?? silentLog;
  const outcome = input.run.outcome;
  if (outcome === undefined) throw new Error(`run ${input.run.runId} has no outcome yet; Notify runs only after the loop ended`);
  const message = formatAlert(input);
  const { messageId } = await deps.publisher.publish(message);
  log.info('alert published', { outcome, messageId, severity: message.attributes.severity });
  return { outcome, alerted: true, messageId, subject: message.subject };
}

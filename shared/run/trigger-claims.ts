/**
 * Trigger claims: EventBridge Scheduler delivers at least once and cannot name the execution it
 * starts, so two executions may carry the same scheduled trigger. The first Submit to claim
 * `claim#<flow>#<trigger id>#<scheduled time>` runs the job; any other ends SKIPPED. Webhook and
 * manual runs need no claim: their execution name is already their key.
 * DynamoDB's claims: shared/aws/dynamodb/trigger-claims.ts.
 */
import type { RunTrigger } from '../model.ts';
import type { SubmitInput } from './submit.ts';

export const CLAIM_KEY_PREFIX = 'claim#';

/** Submit's claim port. True = this run may start the job; false = another run claimed its trigger. */
export type ClaimTrigger = (input: SubmitInput) => Promise<boolean>;


export function triggerClaimKey(flow: string, trigger: RunTrigger): string {
  return `${CLAIM_KEY_PREFIX}${flow}#${trigger.id}#${claimTimeText(trigger.time)}`;
}

/**
 * The fire time as Scheduler writes it (`2026-03-01T02:00:00Z`), however the run spelled it
 * (local mode and backfills write `.000Z`), so every run of one fire claims the same key.
 */
function claimTimeText(time: string): string {
  const instant = Date.parse(time);
  return Number.isNaN(instant) ? time : new Date(instant).toISOString().replace('.000Z', 'Z');
}

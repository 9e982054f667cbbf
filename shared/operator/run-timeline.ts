/**
 * A run's timeline as `dwq show` tells it, from its record alone: triggered, submitted, job
 * started, each change a Check recorded (DataWORQ's status and step), the outcome, the alert.
 */
import type { RunRecord } from '../ledger/run-record.ts';

export type TimelineEventKind = 'triggered' | 'submitted' | 'started' | 'checked' | 'ended' | 'alerted';

export interface TimelineEvent {
  /** ISO 8601. */
  readonly at: string;
  readonly kind: TimelineEventKind;
  /** One line: what happened. */
  readonly text: string;
}

export function runTimeline(record: RunRecord): TimelineEvent[] {
  const events: TimelineEvent[] = [{ at: record.trigger.time, kind: 'triggered', text: triggerText(record) }];
  const profile = record.runProfileName ? ` (run profile ${record.runProfileName})` : '';
  events.push({ at: record.submittedAt, kind: 'submitted', text: record.jobId ? `submitted to DataWORQ: job ${record.jobId}${profile}` : `submitted${profile}` });
  if (record.startedAt !== undefined) events.push({ at: record.startedAt, kind: 'started', text: 'job started in DataWORQ' });
  for (const entry of record.timeline) {
    const said = [entry.status, entry.step ? `step ${entry.step}` : undefined].filter(Boolean).join(', ');
    events.push({ at: entry.at, kind: 'checked', text: `DataWORQ: ${said || 'no change reported'}` });
  }
  if (record.outcome !== undefined) {
    events.push({ at: record.endedAt ?? record.lastCheckedAt ?? record.submittedAt, kind: 'ended', text: `${record.outcome}${record.message ? `: ${record.message}` : ''}` });
  }
  if (record.alert !== undefined) events.push({ at: record.alert.sentAt, kind: 'alerted', text: alertText(record.alert) });
  // Stable: events at the same instant keep the order above.
  return events.map((event, position) => ({ event, position })).sort((a, b) => Date.parse(a.event.at) - Date.parse(b.event.at) || a.position - b.position).map(({ event }) => event);
}

function triggerText(record: RunRecord): string {
  const { trigger } = record;
  switch (trigger.kind) {
    case 'schedule':
      return `triggered by schedule ${trigger.schedule ?? trigger.id}${trigger.scheduledTime ? ` for ${trigger.scheduledTime}` : ''}`;
    case 'webhook':
      return `triggered by webhook delivery ${trigger.deliveryId ?? trigger.id}`;
    case 'manual':
      return `triggered by ${trigger.by ?? trigger.id}`;
    case 'rerun':
      return `re-run of ${record.rerunOf ?? trigger.id}`;
  }
}

function alertText(alert: NonNullable<RunRecord['alert']>): string {
  const to = alert.matchedSubscribers === undefined ? '' : alert.matchedSubscribers.length > 0 ? ` to ${alert.matchedSubscribers.join(', ')}` : ' (no subscriber matched)';
  return `alert ${alert.kind ?? ''} ${alert.outcome}${to}${alert.subject ? `: ${alert.subject}` : ''}`.replace(/\s+/g, ' ');
}

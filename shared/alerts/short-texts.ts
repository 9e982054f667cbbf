/**
 * The two one-line renderings: the email subject (ASCII, < 100 characters: SNS refuses the
 * publish otherwise) and the SMS (GSM-7 basic, <= 160 characters: one SMS, not a split UCS-2
 * pair). Parts are converted first and cut after, because conversion can change lengths (€→EUR).
 */
import type { AlertFacts } from './alert-facts.ts';
import { toGsm7 } from './gsm7.ts';
import { cut, head, oneLine, toAscii } from './text.ts';
import { formatClock, formatDayClock, plural } from './time-text.ts';

export const SUBJECT_MAX_LENGTH = 99;
export const SMS_MAX_LENGTH = 160;
/** A 40-character flow name still fits whole; longer ones yield to the other text. */
const SMS_FLOW_MAX = 40;
const MIN_FLOW = 12;
const SMS_MIN_DETAIL = 40;

/** `[DataWORQ] ERROR: demo-load (job 2956fdae)` */
export function alertSubject(facts: AlertFacts): string {
  const ascii = (text: string): string => oneLine(toAscii(oneLine(head(text, SUBJECT_MAX_LENGTH * 4))));
  const prefix = `[DataWORQ] ${ascii(facts.outcome)}: `;
  const job = facts.shortJobId ? ` (job ${ascii(facts.shortJobId)})` : '';
  const flow = ascii(facts.flow);
  const room = SUBJECT_MAX_LENGTH - prefix.length - job.length - Math.min(flow.length, SMS_FLOW_MAX);
  // The flow name matters more than when the streak began: drop "since ..." before cutting it.
  const full = ascii(facts.recovered ? `, ${facts.summary}` : streakNote(facts, true));
  const tail = full.length <= room || facts.recovered ? full : ascii(streakNote(facts, false));
  const flowBudget = Math.max(MIN_FLOW, SUBJECT_MAX_LENGTH - prefix.length - job.length - tail.length);
  return cut(`${prefix}${cut(flow, flowBudget)}${job}${tail}`, SUBJECT_MAX_LENGTH);
}

/** `DataWORQ demo-load ERROR 02:14Z: ORA-12541: TNS:no listener (job 2956fdae)` */
export function alertSms(facts: AlertFacts): string {
  const gsm = (text: string): string => oneLine(toGsm7(oneLine(head(text, SMS_MAX_LENGTH * 4))));
  const when = facts.eventAt ? ` ${formatClock(facts.eventAt)}` : '';
  const middle = ` ${gsm(facts.outcome)}${when}${gsm(streakNote(facts, true))}: `;
  const job = facts.shortJobId ? ` (job ${gsm(facts.shortJobId)})` : '';
  const available = SMS_MAX_LENGTH - 'DataWORQ '.length - middle.length - job.length;
  const flowBudget = Math.min(SMS_FLOW_MAX, Math.max(MIN_FLOW, available - SMS_MIN_DETAIL));
  const flow = cut(gsm(facts.flow), flowBudget);
  const detail = cut(gsm(reasonFirst(facts.summary)), Math.max(0, available - flow.length));
  return cut(`DataWORQ ${flow}${middle}${detail}${job}`, SMS_MAX_LENGTH);
}

/**
 * 160 characters leave no room for the call that failed: `startFlow(<uuid>): ` goes, and
 * DataWORQ's own words come before the status code, so a cut keeps the reason.
 * `DataWORQ refused to start the flow: startFlow(2932…): DataWORQ rejected the request (HTTP 400): Bad Request`
 * becomes `DataWORQ refused to start the flow: Bad Request (HTTP 400)`.
 */
export function reasonFirst(summary: string): string {
  return summary
    .replace(/\b[A-Za-z]+\([^()]*\): /g, '')
    .replace(/DataWORQ (?:rejected the request|unavailable) \(HTTP (\d{3})\): (.+)$/s, '$2 (HTTP $1)');
}

/** `, failing 3 times since 05-18 02:14Z` (the recovery sentence is the summary itself). */
function streakNote(facts: AlertFacts, withSince: boolean): string {
  if (!facts.streak) return '';
  const since = facts.streak.since && withSince ? ` since ${formatDayClock(facts.streak.since)}` : '';
  return `, failing ${plural(facts.streak.failures, 'time')}${since}`;
}

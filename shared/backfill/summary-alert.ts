/**
 * The one alert a backfill publishes at its end: how many runs completed, failed and were
 * skipped, and which periods failed. It goes through the same publisher and filter policies as
 * every run's alert: its `outcome` attribute is the batch's worst outcome (a failure if any run
 * failed, else COMPLETED, else SKIPPED), so a subscriber hears of a backfill exactly when they
 * would have heard of one of its runs; `alert` is `new`, which every `failures:` choice accepts.
 */
import { DateTime } from 'luxon';
import { severityOf } from '../alerts/alert-facts.ts';
import type { AlertMessage } from '../alerts/alert-message.ts';
import { CHANNEL_KEYS } from '../alerts/channels/index.ts';
import { toGsm7 } from '../alerts/gsm7.ts';
import { SMS_MAX_LENGTH, SUBJECT_MAX_LENGTH } from '../alerts/short-texts.ts';
import { cut, oneLine, toAscii } from '../alerts/text.ts';
import type { Outcome } from '../model.ts';
import type { BackfillSummary, FireResult } from './backfill.ts';

/** Worst first. A run whose execution failed without an outcome counts as LOST: we lost track of it. */
const WORST_FIRST: readonly Outcome[] = ['LOST', 'TIMED_OUT', 'ERROR', 'SUBMIT_FAILED', 'CANCELLED', 'COMPLETED', 'SKIPPED'];
/** At most this many failed periods are listed in the body; the count says the rest. */
const MAX_LISTED = 50;
const MESSAGE_MAX_CHARS = 200;

export function worstOutcome(results: readonly FireResult[]): Outcome {
  const outcomes = new Set(results.filter((result) => result.bucket !== 'unfinished').map((result) => result.outcome ?? 'LOST'));
  return WORST_FIRST.find((outcome) => outcomes.has(outcome)) ?? 'SKIPPED';
}

export function formatBackfillAlert(summary: BackfillSummary): AlertMessage {
  const outcome = worstOutcome(summary.results);
  const body = bodyLines(summary).join('\n');
  const sms = cut(oneLine(toGsm7(`DataWORQ ${summary.plan.flow.name} backfill ${outcome}: ${countsText(summary)}`)), SMS_MAX_LENGTH);
  return {
    subject: cut(oneLine(toAscii(`[DataWORQ] ${outcome}: ${summary.plan.flow.name} backfill, ${countsText(summary)}`)), SUBJECT_MAX_LENGTH),
    // Every channel gets the whole text except SMS, which gets its one line.
    bodies: { default: body, ...Object.fromEntries(CHANNEL_KEYS.map((key) => [key, key === 'sms' ? sms : `${body}\n`])) } as AlertMessage['bodies'],
    attributes: { outcome, flow: summary.plan.flow.name, severity: severityOf(outcome), alert: 'new' },
  };
}

/** `3 completed, 1 failed, 0 skipped` */
function countsText(summary: BackfillSummary): string {
  const { completed, failed, skipped, unfinished } = summary.counts;
  return `${completed} completed, ${failed} failed, ${skipped} skipped${unfinished > 0 ? `, ${unfinished} unfinished` : ''}`;
}

function bodyLines(summary: BackfillSummary): string[] {
  const { plan, counts } = summary;
  const zone = plan.schedule.timeZone;
  const lines = [
    `DataWORQ flow ${plan.flow.name}: backfill of schedule ${plan.schedule.name} (${plan.schedule.expression} in ${zone}), ${dayText(plan.range.from, zone)} to ${dayText(new Date(plan.range.until.getTime() - 1), zone)}.`,
    `${plan.fires.length} fires: ${countsText(summary)}.`,
    `${counts.started} runs started by this backfill, ${counts.alreadyStarted} already there from before.`,
  ];
  const failed = summary.results.filter((result) => result.bucket === 'failed');
  if (failed.length === 0) return lines;
  lines.push('', 'Failed periods:');
  for (const result of failed.slice(0, MAX_LISTED)) {
    const why = result.message ? `: ${cut(oneLine(result.message), MESSAGE_MAX_CHARS)}` : '';
    lines.push(`  ${wallText(result.fire.fire, zone)} (${result.outcome ?? 'no outcome'}, run ${result.fire.runId})${why}`);
  }
  if (failed.length > MAX_LISTED) lines.push(`  ... and ${failed.length - MAX_LISTED} more`);
  return lines;
}

function dayText(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('yyyy-MM-dd HH:mm');
}

/** `2026-03-28 01:30 GMT`: the period as the schedule's clock shows it. */
export function wallText(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('yyyy-MM-dd HH:mm ZZZZ');
}

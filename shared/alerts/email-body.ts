/**
 * The plain-text bodies: the email (everything someone on call needs without opening a console)
 * and the default body (its first lines, for protocols without their own body). Sizes are
 * bounded whatever DataWORQ sent, so the JSON message stays far below SNS's 256 KB.
 */
import { MASK } from '../dataworq/mask-parameters.ts';
import type { NotifyInput } from '../model.ts';
import { shownParameters, stepText, type AlertFacts } from './alert-facts.ts';
import { cleanMultiline, cut, head, logTail, oneLine } from './text.ts';
import { formatUtc, parseTime, plural } from './time-text.ts';

export const LOG_TAIL_MAX_LINES = 40;
export const LOG_TAIL_MAX_BYTES = 4096;
const ERROR_MAX_CHARS = 4000;
const FIELD_MAX_CHARS = 1000;
const PARAMETER_MAX_CHARS = 200;
const SUMMARY_MAX_CHARS = 300;
const LABEL_WIDTH = 16;

/** The first lines of every body: what, which flow and job, when, why, and since when. */
export function alertHeadline(facts: AlertFacts, consoleUrl?: string): string[] {
  const job = facts.jobId ? ` (job ${facts.jobId})` : '';
  const at = facts.eventAt ? `, at ${formatUtc(facts.eventAt)}` : '';
  const lines = [`DataWORQ flow ${field(facts.flow)}: ${facts.outcome}${job}${at}.`, sentence(facts.summary)];
  if (facts.streak) {
    const since = facts.streak.since ? formatUtc(facts.streak.since) : field(facts.streak.sinceText);
    lines.push(`Failing ${plural(facts.streak.failures, 'time')} since ${since}.`);
  }
  if (consoleUrl) lines.push(`Console: ${field(consoleUrl)}`);
  return lines;
}

export function defaultBody(facts: AlertFacts, consoleUrl?: string): string {
  return alertHeadline(facts, consoleUrl).join('\n');
}

/** `input`'s run is masked already (formatAlert): nothing here masks again. */
export function emailBody(input: NotifyInput, facts: AlertFacts, consoleUrl?: string): string {
  const sections = [
    alertHeadline(facts, consoleUrl).join('\n'),
    detailLines(input, facts).join('\n'),
    parameterSection(input),
    errorSection(input),
    logSection(input),
  ];
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`;
}

function detailLines(input: NotifyInput, facts: AlertFacts): string[] {
  const { flow, trigger, run } = input;
  const job = run.job;
  const rows: Array<[string, string | undefined]> = [
    ['Flow', `${flow.name} (DataWORQ flow: ${job?.flowName ?? flow.dataworqFlowName})`],
    ['Outcome', facts.recovered ? `${facts.outcome} (this run: ${facts.runOutcome})` : facts.outcome],
    ['Reason', run.message],
    ['Job id', facts.jobId ?? noJobText(input)],
    ['Run profile', job?.runProfileName ?? flow.runProfileName],
    ['Run id', run.runId],
    ['Trigger', triggerText(trigger.kind, trigger.id, trigger.time)],
    ['Started', facts.startedAt ? formatUtc(facts.startedAt) : undefined],
    ['Ended', facts.endedAt ? formatUtc(facts.endedAt) : undefined],
    ['Duration', facts.duration],
    ['DataWORQ status', job?.executionStatus],
    ['Step', stepText(job?.currentStep, job?.currentStepStatus)],
    ['Note', run.adopted ? 'the job was adopted after a submit whose answer was lost' : undefined],
  ];
  return rows
    .filter((row): row is [string, string] => row[1] !== undefined && row[1].trim() !== '')
    .map(([label, value]) => `${`${label}:`.padEnd(LABEL_WIDTH)} ${field(value)}`);
}

/** Only a run that knows it started nothing says so: an unconfirmed start may have one. */
function noJobText(input: NotifyInput): string {
  if (input.run.noJobStarted === true || input.run.outcome === 'SKIPPED') return 'none (no job was started in DataWORQ)';
  return 'none confirmed (DataWORQ did not confirm a start; check it before running the flow again)';
}

function triggerText(kind: string, id: string, time: string): string {
  const parsed = parseTime(time);
  return `${kind} ${id} at ${parsed ? formatUtc(parsed) : time}`;
}

function parameterSection(input: NotifyInput): string {
  const parameters = shownParameters(input);
  if (parameters.length === 0) return '';
  const lines = parameters.map(({ name, value }) => `  ${field(name)}=${value !== undefined ? cut(field(value), PARAMETER_MAX_CHARS) : MASK}`);
  return ['Parameters:', ...lines].join('\n');
}

function errorSection(input: NotifyInput): string {
  const error = input.run.job?.error;
  if (!error || error.trim() === '') return '';
  const cleaned = cleanMultiline(head(error, ERROR_MAX_CHARS * 2));
  return ['DataWORQ error:', indent(cut(cleaned.trim(), ERROR_MAX_CHARS))].join('\n');
}

function logSection(input: NotifyInput): string {
  const job = input.run.job;
  if (!job?.logTail || job.logTail.trim() === '') return '';
  const { lines, complete } = logTail(job.logTail, LOG_TAIL_MAX_LINES, LOG_TAIL_MAX_BYTES);
  const shownAll = complete && (job.logTruncatedBytes ?? 0) === 0;
  const header = shownAll ? 'Log:' : `Last ${plural(lines.length, 'line')} of the log (earlier lines not shown):`;
  return [header, indent(lines.join('\n'))].join('\n');
}

function indent(text: string): string {
  return text.split('\n').map((line) => (line === '' ? '' : `  ${line}`)).join('\n');
}

/** One line of caller- or DataWORQ-supplied text, bounded. */
function field(value: string): string {
  return cut(oneLine(cleanMultiline(head(value, FIELD_MAX_CHARS * 4))), FIELD_MAX_CHARS);
}

function sentence(text: string): string {
  const line = cut(oneLine(cleanMultiline(head(text, SUMMARY_MAX_CHARS * 4))), SUMMARY_MAX_CHARS);
  // A sentence may open with a flow key (`demo-load is already running`): names keep their case.
  return /^[a-z]+(?![\w-])/.test(line) ? line.charAt(0).toUpperCase() + line.slice(1) : line;
}

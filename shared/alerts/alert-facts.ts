/**
 * What every rendering of an alert agrees on (outcome, severity, times, the one-sentence "what
 * happened"), derived once from the run so the subject, SMS, email and attributes never disagree.
 * Every field of the run may be missing: SUBMIT_FAILED has no job, LOST may have half of one.
 */
import { isMaskedName } from '../dataworq/mask-parameters.ts';
import type { NotifyInput } from '../model.ts';
import type { AlertContext, AlertSeverity } from './alert-message.ts';
import { durationBetween, formatDuration, parseTime, plural } from './time-text.ts';

export interface AlertFacts {
  /** The `outcome` attribute: the run's outcome, or RECOVERED. */
  readonly outcome: string;
  /** The run's own outcome (differs from `outcome` only when recovered). */
  readonly runOutcome: string;
  readonly severity: AlertSeverity;
  readonly flow: string;
  readonly jobId?: string;
  /** The job id's first group (`2956fdae`): enough to find the job in DataWORQ's list. */
  readonly shortJobId?: string;
  readonly startedAt?: Date;
  readonly endedAt?: Date;
  /** When the alert's event happened: the end of the run, or the latest time known. */
  readonly eventAt?: Date;
  readonly duration?: string;
  /** What happened, in one sentence: DataWORQ's error, our reason, or a plain description. */
  readonly summary: string;
  readonly streak?: { readonly failures: number; readonly since?: Date; readonly sinceText: string };
  readonly recovered?: { readonly failures: number; readonly downFor?: string };
}

const SEVERITIES: Readonly<Record<string, AlertSeverity>> = {
  COMPLETED: 'info',
  SKIPPED: 'info',
  RECOVERED: 'info',
  CANCELLED: 'warning',
};

/** COMPLETED/SKIPPED/RECOVERED info, CANCELLED warning, anything else (unknown too) critical. */
export function severityOf(outcome: string): AlertSeverity {
  return SEVERITIES[outcome] ?? 'critical';
}

export function alertFacts(input: NotifyInput, context: AlertContext = {}): AlertFacts {
  const { run, flow, trigger } = input;
  const job = run.job;
  const runOutcome = run.outcome ?? 'UNKNOWN';
  const outcome = context.recovered ? 'RECOVERED' : runOutcome;
  const jobId = nonEmpty(run.jobId) ?? nonEmpty(job?.jobId);
  const startedAt = parseTime(job?.startTime) ?? parseTime(run.submittedAt);
  const endedAt = parseTime(job?.endTime) ?? parseTime(run.endedAt);
  const eventAt = parseTime(run.endedAt) ?? endedAt ?? parseTime(run.submittedAt) ?? parseTime(trigger.time);
  const duration = durationBetween(startedAt, endedAt) ?? nonEmpty(job?.runtime);
  const recovered = context.recovered
    ? { failures: context.recovered.failures, downFor: durationBetween(parseTime(context.recovered.downSince), eventAt) }
    : undefined;
  const streak = context.streak && !recovered
    ? { failures: context.streak.failures, since: parseTime(context.streak.since), sinceText: context.streak.since }
    : undefined;
  return {
    outcome,
    runOutcome,
    severity: severityOf(outcome),
    flow: nonEmpty(flow.name) ?? 'unnamed-flow',
    jobId,
    shortJobId: jobId?.slice(0, 8),
    startedAt,
    endedAt,
    eventAt,
    duration,
    // The summary is the SMS and the subject's detail, from a run formatAlert has masked.
    summary: recovered ? recoveredSentence(recovered) : summaryOf(input, runOutcome, duration),
    streak,
    recovered,
  };
}

function summaryOf(input: NotifyInput, outcome: string, duration: string | undefined): string {
  const { run, flow } = input;
  const jobError = nonEmpty(run.job?.error);
  const message = nonEmpty(run.message);
  switch (outcome) {
    case 'COMPLETED':
      return duration ? `completed in ${duration}` : 'completed';
    case 'ERROR':
      return jobError ?? message ?? 'DataWORQ reported ERROR';
    case 'CANCELLED':
      return jobError ?? message ?? 'the job was cancelled in DataWORQ';
    case 'TIMED_OUT':
      return message ?? `not finished within ${formatDuration(flow.maxDurationSeconds * 1000)}`;
    case 'SUBMIT_FAILED':
      return message ?? 'the job could not be submitted to DataWORQ';
    case 'LOST':
      return message ?? 'DataWORQ stopped reporting on the job';
    case 'SKIPPED':
      return message ?? 'skipped: this flow was already running';
    default:
      return message ?? jobError ?? `ended with ${outcome}`;
  }
}

/**
 * The parameters every body lists: the values Submit rendered and sent, when it froze them, else
 * the config's (templates unrendered); fromSecret and credential-named ones by name only (no
 * `value`: the renderer shows MASK). Raw text: each renderer cleans and cuts it to its own size.
 */
export function shownParameters(input: NotifyInput): Array<{ readonly name: string; readonly value?: string }> {
  const parameters = [...(input.run.parameters ?? input.flow.parameters), ...(input.flow.secretParameters ?? [])];
  return parameters.map((parameter) => {
    const shown = 'value' in parameter ? parameter.value : 'template' in parameter ? parameter.template : undefined;
    return shown !== undefined && !isMaskedName(parameter.name) ? { name: parameter.name, value: String(shown) } : { name: parameter.name };
  });
}

function recoveredSentence(recovered: { failures: number; downFor?: string }): string {
  const downFor = recovered.downFor ? `, down for ${recovered.downFor}` : '';
  return `back to normal after ${plural(recovered.failures, 'failure')}${downFor}`;
}

function nonEmpty(value: string | undefined | null): string | undefined {
  return value === undefined || value === null || value.trim() === '' ? undefined : value;
}

/**
 * DataWORQ's step text as a person reads it. DataWORQ writes `Step 2 (0 of 1 completed)` while a
 * step runs and `Step 3 (1)` once it is done; the counts are the step's parts. The result:
 * `Step 2 (0 of 1 parts done)`, `Step 3, completed`.
 */
export function stepText(description: string | undefined | null, status?: string | undefined | null): string | undefined {
  const text = nonEmpty(description ?? undefined);
  if (text === undefined) return undefined;
  const running = /^(.*\S) \((\d+) of (\d+) completed\)$/.exec(text);
  const done = /^(.*\S) \(\d+\)$/.exec(text);
  const name = running ? `${running[1]} (${running[2]} of ${running[3]} parts done)` : (done?.[1] ?? text);
  const state = nonEmpty(status ?? undefined);
  return state ? `${name}, ${state.toLowerCase()}` : name;
}

/**
 * What the chat cards and the webhook event show of a run, derived once from the alert facts:
 * every text cleaned and cut (the run masked already: formatAlert), parameters shown by the
 * email's rule (alert-facts.ts shownParameters), the log tail bounded. So the Slack, Teams and webhook bodies stay small whatever DataWORQ sent, and
 * the SNS message carrying all of them stays under 256 KB (test/shared/alerts/channels).
 */
import { shownParameters, type AlertFacts } from '../alert-facts.ts';
import { MASK } from '../../dataworq/mask-parameters.ts';
import { cleanMultiline, cut, head, logTail, oneLine } from '../text.ts';
import type { ChannelRenderInput } from './channel.ts';

export const DETAIL_LIMITS = {
  field: 300,
  summary: 500,
  error: 2000,
  logLines: 25,
  logBytes: 2500,
  parameters: 40,
  parameterValue: 200,
} as const;

export interface AlertDetails {
  readonly facts: AlertFacts;
  readonly flow: string;
  readonly dataworqFlow: string;
  readonly runId: string;
  readonly summary: string;
  readonly runProfile?: string;
  readonly step?: string;
  readonly executionStatus?: string;
  readonly error?: string;
  /** The last lines of the log; `logComplete` false when earlier lines were left out. */
  readonly logTail: readonly string[];
  readonly logComplete: boolean;
  readonly parameters: ReadonlyArray<{ readonly name: string; readonly value: string }>;
  readonly trigger: { readonly kind: string; readonly id: string; readonly time: string };
  readonly consoleUrl?: string;
}

export function alertDetails({ input, facts, consoleUrl }: ChannelRenderInput): AlertDetails {
  const { run, flow, trigger } = input;
  const job = run.job;
  const tail = job?.logTail && job.logTail.trim() !== '' ? logTail(job.logTail, DETAIL_LIMITS.logLines, DETAIL_LIMITS.logBytes) : { lines: [], complete: true };
  const error = job?.error && job.error.trim() !== '' ? cut(cleanMultiline(head(job.error, DETAIL_LIMITS.error * 2)).trim(), DETAIL_LIMITS.error) : undefined;
  return {
    facts,
    flow: field(facts.flow),
    dataworqFlow: field(job?.flowName ?? flow.dataworqFlowName),
    runId: field(run.runId),
    summary: cut(oneLine(cleanMultiline(head(facts.summary, DETAIL_LIMITS.summary * 4))), DETAIL_LIMITS.summary),
    runProfile: optionalField(job?.runProfileName ?? flow.runProfileName),
    step: optionalField(job?.currentStep ? `${job.currentStep}${job.currentStepStatus ? ` (${job.currentStepStatus})` : ''}` : undefined),
    executionStatus: optionalField(job?.executionStatus),
    error,
    logTail: tail.lines.map((line) => line.replace(/\t/g, '  ')),
    logComplete: tail.complete && (job?.logTruncatedBytes ?? 0) === 0,
    // As the email shows them (alert-facts.ts): fromSecret and credential-named ones by name only.
    parameters: shownParameters(input).slice(0, DETAIL_LIMITS.parameters).map(({ name, value }) => (
      { name: field(name), value: value !== undefined ? cut(field(value), DETAIL_LIMITS.parameterValue) : MASK }
    )),
    trigger: { kind: field(trigger.kind), id: field(trigger.id), time: field(trigger.time) },
    consoleUrl: optionalField(consoleUrl),
  };
}

/**
 * The labelled facts a chat card lists, in order, the empty ones left out. `withRunId` adds the
 * run id after the job (Teams shows it as a fact; Slack has no room for it among its fields).
 */
export function detailRows(details: AlertDetails, { withRunId }: { readonly withRunId: boolean }): Array<[label: string, value: string]> {
  const { facts } = details;
  const rows: Array<[string, string | undefined]> = [
    ['Outcome', facts.recovered ? `${facts.outcome} (this run: ${facts.runOutcome})` : facts.outcome],
    ['Flow', `${details.flow} (DataWORQ: ${details.dataworqFlow})`],
    ['Duration', facts.duration],
    ['Step', details.step],
    ['Job', facts.jobId],
    ...(withRunId ? [['Run', details.runId] satisfies [string, string]] : []),
    ['Streak', facts.streak ? `failing ${facts.streak.failures} times since ${facts.streak.sinceText}` : undefined],
  ];
  return rows.filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '');
}

/** `ERROR: demo-load` with the outcome first, as a card's title. */
export function titleOf(details: AlertDetails): string {
  return cut(`${details.facts.outcome}: ${details.flow}`, 140);
}

function field(value: string): string {
  return cut(oneLine(cleanMultiline(head(value, DETAIL_LIMITS.field * 4))), DETAIL_LIMITS.field);
}

function optionalField(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : field(value);
}

/**
 * Turns a finished run into one alert: a subject for email, the default body and one body per
 * channel (channels/index.ts), and the attributes subscriptions filter on. Pure: no clock, no
 * I/O, so AWS and local mode share it.
 */
import { parameterMaskOf } from '../dataworq/mask-parameters.ts';
import { FAILURE_OUTCOMES, type NotifyInput, type Outcome, type RunFlow, type RunState, type RunTrigger } from '../model.ts';
import { maskedRun } from '../run/masked-run.ts';
import { formatDuration, plural } from './time-text.ts';
import { alertFacts, type AlertFacts } from './alert-facts.ts';
import type { AlertContext, AlertEvent, AlertMessage } from './alert-message.ts';
import { renderChannelBodies } from './channels/index.ts';
import { defaultBody } from './email-body.ts';
import { alertSubject } from './short-texts.ts';

/**
 * An alert about an event rather than a run's end (a watchdog finding, a connector incident): every
 * channel renders it as a `new` alert whose facts the event sets, over the run it concerns, or an
 * empty run where there is none (a MISSED fire, an outage).
 */
export function formatEventAlert(flow: RunFlow, trigger: RunTrigger, event: AlertEvent, run: Partial<RunState> = {}): AlertMessage {
  const empty: RunState = { runId: '', submittedAt: '', deadline: '', poll: { iteration: 0, waitSeconds: 0, consecutiveFailures: 0, consecutiveRejections: 0 } };
  return formatAlert({ flow, trigger, run: { ...empty, ...run } }, { kind: 'new', event });
}

export function formatAlert(unmasked: NotifyInput, context: AlertContext = {}): AlertMessage {
  // Masked once, before any renderer sees the run: Check masks the state it writes, and this covers
  // a state written before it did (or by any other path), in every channel alike.
  const input = { ...unmasked, run: maskedRun(unmasked.run, parameterMaskOf(unmasked.flow)) };
  const facts = withAttempts(withEvent(alertFacts(input, context), context.event), input, context);
  return {
    subject: alertSubject(facts),
    bodies: {
      default: defaultBody(facts, context.consoleUrl),
      ...renderChannelBodies({ input, facts, consoleUrl: context.consoleUrl }),
    },
    attributes: { outcome: facts.outcome, flow: facts.flow, severity: facts.severity, ...(context.kind ? { alert: context.kind } : {}) },
  };
}

/** The watchdog's event over the run's facts: every renderer then says MISSED, LATE or SUSPICIOUS. */
function withEvent(facts: AlertFacts, event: AlertEvent | undefined): AlertFacts {
  if (!event) return facts;
  return { ...facts, outcome: event.outcome, severity: event.severity, summary: event.summary, eventAt: new Date(event.at), streak: undefined, recovered: undefined };
}

/** A retried run's summary says which attempt this was: `... (failed after 3 attempts)`, `... (attempt 1 of 3; retrying in 10m)`. */
function withAttempts(facts: AlertFacts, input: NotifyInput, context: AlertContext): AlertFacts {
  const attempts = context.attempts;
  if (!attempts) return facts;
  if (attempts.retrying) {
    const total = 1 + (input.flow.retry?.attempts ?? 0);
    const delay = input.flow.retry ? `; retrying in ${formatDuration(input.flow.retry.delaySeconds * 1000)}` : '; retrying';
    return { ...facts, summary: `${facts.summary} (attempt ${attempts.made} of ${total}${delay})` };
  }
  const failed = FAILURE_OUTCOMES.includes(facts.runOutcome as Outcome);
  return { ...facts, summary: `${facts.summary} (${failed ? 'failed after' : 'after'} ${plural(attempts.made, 'attempt')})` };
}

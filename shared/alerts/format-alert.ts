/**
 * Turns a finished run into one alert: a subject for email, the default body and one body per
 * channel (channels/index.ts), and the attributes subscriptions filter on. Pure: no clock, no
 * I/O, so AWS and local mode share it.
 */
import type { NotifyInput } from '../model.ts';
import { alertFacts, type AlertFacts } from './alert-facts.ts';
import type { AlertContext, AlertEvent, AlertMessage } from './alert-message.ts';
import { renderChannelBodies } from './channels/index.ts';
import { defaultBody } from './email-body.ts';
import { alertSubject } from './short-texts.ts';

export function formatAlert(input: NotifyInput, context: AlertContext = {}): AlertMessage {
  const facts = withEvent(alertFacts(input, context), context.event);
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

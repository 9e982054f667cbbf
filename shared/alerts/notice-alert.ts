/**
 * An alert about no single run (a connector incident, a maintenance summary): a subject, a few
 * lines for email and the default body, one line for SMS, and the same attributes as a run's
 * alert, so the subscriptions' filter policies route it like any other. Pure.
 */
import type { AlertBodies, AlertMessage, AlertSeverity } from './alert-message.ts';
import type { RunFlow } from '../model.ts';
import { formatEventAlert } from './format-alert.ts';
import { toGsm7 } from './gsm7.ts';
import { SMS_MAX_LENGTH, SUBJECT_MAX_LENGTH } from './short-texts.ts';
import { cleanMultiline, cut, oneLine, toAscii } from './text.ts';

export interface Notice {
  /** The `outcome` attribute: CONNECTOR_DOWN, CONNECTOR_RECOVERED, or the summary's worst outcome. */
  readonly outcome: string;
  readonly severity: AlertSeverity;
  /** The `flow` attribute: the flow the notice is about, or the first one it names. */
  readonly flow: string;
  /** After `[DataWORQ] <outcome>: `. */
  readonly title: string;
  /** The body, one line each; the first is the headline. */
  readonly lines: readonly string[];
  /** The SMS after `DataWORQ `. */
  readonly sms: string;
}

const BODY_MAX_CHARS = 20_000;

/**
 * Every channel renders the notice as it renders a watchdog alert (an AlertEvent over an empty
 * run), so a channel added to the table shows notices with no code here; email, SMS and the
 * subject then say the notice's own words.
 */
export function noticeAlert(notice: Notice, at: Date = new Date()): AlertMessage {
  const flow: RunFlow = {
    name: notice.flow, flowId: '', dataworqFlowName: notice.flow, runProfileName: '', notificationEnabled: false,
    parameters: [], maxDurationSeconds: 0, lostAfterSeconds: 0, overlap: 'allow',
  };
  const base = formatEventAlert(flow, { kind: 'manual', id: 'notice', time: at.toISOString() }, { outcome: notice.outcome, summary: notice.title, at: at.toISOString(), severity: notice.severity });
  return {
    subject: cut(oneLine(toAscii(`[DataWORQ] ${notice.outcome}: ${notice.title}`)), SUBJECT_MAX_LENGTH),
    bodies: {
      ...base.bodies,
      default: notice.lines.slice(0, 3).join('\n'),
      email: `${cut(cleanMultiline(notice.lines.join('\n')), BODY_MAX_CHARS)}\n`,
      sms: cut(oneLine(toGsm7(`DataWORQ ${notice.sms}`)), SMS_MAX_LENGTH),
    } as AlertBodies,
    attributes: { outcome: notice.outcome, flow: notice.flow, severity: notice.severity, alert: 'new' },
  };
}

/**
 * An alert about no single run (a connector incident, a maintenance summary): a subject, a few
 * lines for email and the default body, one line for SMS, and the same attributes as a run's
 * alert, so the subscriptions' filter policies route it like any other. Pure.
 */
import type { AlertBodies, AlertMessage, AlertSeverity } from './alert-message.ts';
import type { ChannelKey } from './channels/index.ts';
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

/** One renderer per channel: a channel added to the table without one here fails to compile. */
const NOTICE_BODIES: Readonly<Record<ChannelKey, (notice: Notice) => string>> = {
  email: (notice) => `${cut(cleanMultiline(notice.lines.join('\n')), BODY_MAX_CHARS)}\n`,
  sms: (notice) => cut(oneLine(toGsm7(`DataWORQ ${notice.sms}`)), SMS_MAX_LENGTH),
};

export function noticeAlert(notice: Notice): AlertMessage {
  const bodies = Object.fromEntries(Object.entries(NOTICE_BODIES).map(([key, render]) => [key, render(notice)]));
  return {
    subject: cut(oneLine(toAscii(`[DataWORQ] ${notice.outcome}: ${notice.title}`)), SUBJECT_MAX_LENGTH),
    bodies: { default: notice.lines.slice(0, 3).join('\n'), ...bodies } as AlertBodies,
    attributes: { outcome: notice.outcome, flow: notice.flow, severity: notice.severity, alert: 'new' },
  };
}

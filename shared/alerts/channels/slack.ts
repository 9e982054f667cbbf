/** Slack: a Block Kit message to an incoming webhook whose URL is kept in Secrets Manager. */
import type { AlertSeverity } from '../alert-message.ts';
import { cut } from '../text.ts';
import { detailRows, titleOf, type AlertDetails } from './alert-details.ts';
import type { AlertChannel } from './channel.ts';
import { chatChannel } from './chat-channel.ts';

export const slackChannel: AlertChannel<'slack'> = chatChannel('slack', { product: 'Slack', endpointProduct: 'Slack incoming-webhook', message: slackMessage });

/**
 * The Slack message: Block Kit (a header, the summary, fields, the error and log tail as code,
 * a context line) inside one attachment whose `color` is the severity's, because blocks
 * themselves have no colour; the header's emoji carries the severity where attachments are not
 * drawn (notifications, some mobile views), and `text` is the notification's fallback.
 * Limits (https://api.slack.com/reference/block-kit/blocks): header 150, section text 3000,
 * field 2000, 10 fields, 50 blocks.
 */
export const SLACK_LIMITS = { header: 150, sectionText: 3000, field: 2000, fields: 10, blocks: 50 } as const;

const COLORS: Readonly<Record<AlertSeverity, string>> = { critical: '#d1242f', warning: '#d4a72c', info: '#1a7f37' };
const EMOJI: Readonly<Record<AlertSeverity, string>> = { critical: ':red_circle:', warning: ':large_yellow_circle:', info: ':large_green_circle:' };

export function slackMessage(details: AlertDetails): Record<string, unknown> {
  const { facts } = details;
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: cut(`${EMOJI[facts.severity]} ${titleOf(details)}`, SLACK_LIMITS.header), emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: cut(escape(capitalized(details.summary)), SLACK_LIMITS.sectionText) } },
    { type: 'section', fields: fieldsOf(details) },
  ];
  if (details.error) blocks.push(codeSection('DataWORQ error', details.error));
  if (details.logTail.length > 0) blocks.push(codeSection(details.logComplete ? 'Log' : `Last ${details.logTail.length} lines of the log`, details.logTail.join('\n')));
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: cut(contextText(details), SLACK_LIMITS.sectionText) }] });
  return {
    // The notification's fallback is mrkdwn too: escaped like every other text.
    text: cut(escape(`DataWORQ ${titleOf(details)}: ${details.summary}`), SLACK_LIMITS.sectionText),
    attachments: [{ color: COLORS[facts.severity], blocks }],
  };
}

function fieldsOf(details: AlertDetails): Array<{ type: 'mrkdwn'; text: string }> {
  return detailRows(details, { withRunId: false })
    .slice(0, SLACK_LIMITS.fields)
    .map(([label, value]) => ({ type: 'mrkdwn' as const, text: cut(`*${label}*\n${escape(value)}`, SLACK_LIMITS.field) }));
}

function codeSection(title: string, text: string): Record<string, unknown> {
  const fence = '```';
  const room = SLACK_LIMITS.sectionText - title.length - 12;
  // The end of an error or log is where the cause is: keep it when the text is too long.
  const body = escape(text).replaceAll(fence, "'''");
  const kept = body.length <= room ? body : `...${body.slice(body.length - room + 3)}`;
  return { type: 'section', text: { type: 'mrkdwn', text: `*${title}*\n${fence}${kept}${fence}` } };
}

function contextText(details: AlertDetails): string {
  const parts = [`Run ${escape(details.runId)}`, `trigger ${escape(`${details.trigger.kind} ${details.trigger.id}`)}`];
  if (details.consoleUrl) parts.push(`<${details.consoleUrl.replace(/[<>|]/g, '')}|Open the execution>`);
  return parts.join(' · ');
}

/** Slack's mrkdwn reads &, < and > as markup; text from DataWORQ must not make links or mentions. */
function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

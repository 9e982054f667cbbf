/** Microsoft Teams: an Adaptive Card to a Workflows or incoming-webhook URL kept in Secrets Manager. */
import type { AlertSeverity } from '../alert-message.ts';
import { cut } from '../text.ts';
import { detailRows, titleOf, type AlertDetails } from './alert-details.ts';
import type { AlertChannel } from './channel.ts';
import { chatChannel } from './chat-channel.ts';

export const teamsChannel: AlertChannel<'teams'> = chatChannel('teams', { product: 'Teams', endpointProduct: 'Teams Workflows or incoming-webhook', message: teamsMessage });

/**
 * The Teams message: an Adaptive Card (schema 1.4, what Teams renders) in the `message` envelope
 * that Teams Workflows and incoming webhooks accept. The title's TextBlock is coloured by
 * severity (Attention, Warning, Good); facts in a FactSet; the error and log tail in monospace.
 */
export const ADAPTIVE_CARD_VERSION = '1.4';
const COLORS: Readonly<Record<AlertSeverity, string>> = { critical: 'Attention', warning: 'Warning', info: 'Good' };
const TEXT_MAX = 3000;

export function teamsMessage(details: AlertDetails): Record<string, unknown> {
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: adaptiveCard(details) }],
  };
}

function adaptiveCard(details: AlertDetails): Record<string, unknown> {
  const { facts } = details;
  const body: Record<string, unknown>[] = [
    { type: 'TextBlock', text: `DataWORQ ${titleOf(details)}`, size: 'Large', weight: 'Bolder', color: COLORS[facts.severity], wrap: true },
    { type: 'TextBlock', text: plain(details.summary), wrap: true },
    { type: 'FactSet', facts: factsOf(details) },
  ];
  if (details.error) body.push(...codeBlocks('DataWORQ error', details.error));
  if (details.logTail.length > 0) body.push(...codeBlocks(details.logComplete ? 'Log' : `Last ${details.logTail.length} lines of the log`, details.logTail.join('\n')));
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: ADAPTIVE_CARD_VERSION,
    msteams: { width: 'Full' },
    body,
    ...(details.consoleUrl ? { actions: [{ type: 'Action.OpenUrl', title: 'Open the execution', url: details.consoleUrl }] } : {}),
  };
}

function factsOf(details: AlertDetails): Array<{ title: string; value: string }> {
  return detailRows(details, { withRunId: true }).map(([title, value]) => ({ title, value: plain(value) }));
}

function codeBlocks(title: string, text: string): Record<string, unknown>[] {
  const kept = text.length <= TEXT_MAX ? text : `...${text.slice(text.length - TEXT_MAX + 3)}`;
  return [
    { type: 'TextBlock', text: title, weight: 'Bolder', wrap: true, spacing: 'Medium' },
    { type: 'TextBlock', text: cut(plain(kept), TEXT_MAX + 10), fontType: 'Monospace', wrap: true, size: 'Small' },
  ];
}

/**
 * TextBlock reads a subset of Markdown, and not every Teams client honours a backslash escape:
 * brackets become parentheses, so DataWORQ's text can never turn into a link.
 */
function plain(text: string): string {
  return text.replace(/\[/g, '(').replace(/\]/g, ')');
}

/** Slack: a Block Kit message to an incoming webhook whose URL is kept in Secrets Manager. */
import { alertDetails } from './alert-details.ts';
import type { AlertChannel } from './channel.ts';
import { ALARMS_UNSUPPORTED, CHAT_DEFAULTS, CHAT_JSON_SCHEMA, chatAws, chatEndpointOf, chatEndpointProblem, chatLocalDeliver } from './chat-channel.ts';
import { slackMessage } from './slack-message.ts';

export const slackChannel: AlertChannel<'slack'> = {
  key: 'slack',
  article: 'a',
  endpointJsonSchema: CHAT_JSON_SCHEMA,
  endpointProblem: chatEndpointProblem('slack', 'Slack incoming-webhook'),
  endpointOf: chatEndpointOf,
  defaults: CHAT_DEFAULTS,
  alarmsUnsupported: ALARMS_UNSUPPORTED,
  render: (alert) => JSON.stringify(slackMessage(alertDetails(alert))),
  aws: chatAws,
  local: { label: 'Slack', layout: 'delivery', deliver: chatLocalDeliver('Slack') },
};

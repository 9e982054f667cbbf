/** Microsoft Teams: an Adaptive Card to a Workflows or incoming-webhook URL kept in Secrets Manager. */
import { alertDetails } from './alert-details.ts';
import type { AlertChannel } from './channel.ts';
import { ALARMS_UNSUPPORTED, CHAT_DEFAULTS, CHAT_JSON_SCHEMA, chatAws, chatEndpointOf, chatEndpointProblem, chatLocalDeliver } from './chat-channel.ts';
import { teamsMessage } from './teams-card.ts';

export const teamsChannel: AlertChannel<'teams'> = {
  key: 'teams',
  article: 'a',
  endpointJsonSchema: CHAT_JSON_SCHEMA,
  endpointProblem: chatEndpointProblem('teams', 'Teams Workflows or incoming-webhook'),
  endpointOf: chatEndpointOf,
  defaults: CHAT_DEFAULTS,
  alarmsUnsupported: ALARMS_UNSUPPORTED,
  render: (alert) => JSON.stringify(teamsMessage(alertDetails(alert))),
  aws: chatAws,
  local: { label: 'Teams', layout: 'delivery', deliver: chatLocalDeliver('Teams') },
};

/**
 * What Slack and Teams share: the config value `{ webhookSecret: <secret name> }` (the secret
 * holds the incoming-webhook URL, which is itself a credential), the defaults, the AWS delivery
 * and local mode's: printed and kept in the outbox, posted for real only with `dwq start --deliver`.
 */
import { FAILURE_OUTCOMES } from '../../model.ts';
import { deliverWithRetries } from '../delivery/deliver-alert.ts';
import { deliveryUrlProblem } from '../delivery/endpoint-url.ts';
import { deliveryId } from '../delivery/signing.ts';
import { alertDetails, type AlertDetails } from './alert-details.ts';
import type { AlertChannel, ChannelDefaults, LocalDeliveryPorts, LocalDeliveryRequest } from './channel.ts';

/**
 * A chat channel: `product` names it in messages (`Slack`), `endpointProduct` names what its
 * secret holds, and `message` builds the JSON it posts from the alert's details.
 */
export function chatChannel<Key extends string>(
  key: Key,
  { product, endpointProduct, message }: { readonly product: string; readonly endpointProduct: string; readonly message: (details: AlertDetails) => unknown },
): AlertChannel<Key> {
  return {
    key,
    article: 'a',
    endpointJsonSchema: CHAT_JSON_SCHEMA,
    endpointProblem: chatEndpointProblem(key, endpointProduct),
    endpointOf: chatEndpointOf,
    defaults: CHAT_DEFAULTS,
    alarmsUnsupported: ALARMS_UNSUPPORTED,
    render: (alert) => JSON.stringify(message(alertDetails(alert))),
    aws: chatAws,
    local: { label: product, layout: 'delivery', deliver: chatLocalDeliver(product) },
  };
}

/** Secrets Manager's name alphabet, or an ARN. */
const SECRET_NAME = /^(arn:[\w-]+:secretsmanager:[\w-]+:\d{12}:secret:)?[A-Za-z0-9/_+=.@-]{1,512}$/;

const CHAT_DEFAULTS: ChannelDefaults = {
  // A channel people read: failures and the all-clear, each outage once plus reminders.
  outcomes: [...FAILURE_OUTCOMES, 'RECOVERED'],
  outcomesText: 'failures and RECOVERED',
  failures: 'reminders',
  alarms: false,
};

function chatEndpointProblem(key: string, product: string): (value: unknown) => string | undefined {
  const example = `${key}: { webhookSecret: dataworq/${key}-data-team }`;
  return (value) => {
    if (typeof value === 'string') return `must name the secret that holds the ${product} URL, not the URL itself: ${example}`;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return `must be { webhookSecret: <secret name> }, e.g. ${example}`;
    const extra = Object.keys(value).filter((name) => name !== 'webhookSecret');
    if (extra.length > 0) return `has unknown key ${extra.join(', ')}; it takes only webhookSecret (${example})`;
    const secret = (value as { webhookSecret?: unknown }).webhookSecret;
    if (typeof secret !== 'string' || !SECRET_NAME.test(secret)) {
      return `webhookSecret must be the name or ARN of a Secrets Manager secret holding the ${product} URL, e.g. ${example}`;
    }
    return undefined;
  };
}

/** CloudWatch's alarm notifications carry no attributes and none of our fields; they go to email. */
export const ALARMS_UNSUPPORTED = 'alarms reach email and sms subscribers only (CloudWatch sends them in its own format); remove alarms or set it to false';

const chatEndpointOf = (value: unknown): string => (value as { webhookSecret: string }).webhookSecret;

const CHAT_JSON_SCHEMA = {
  type: 'object',
  required: ['webhookSecret'],
  additionalProperties: false,
  properties: { webhookSecret: { type: 'string', description: 'Name or ARN of the Secrets Manager secret holding the incoming-webhook URL' } },
} as const;

const chatAws: AlertChannel['aws'] = (endpoint) => ({ kind: 'delivery-function', via: 'sqs', endpoint, endpointIs: 'secret-name', signed: false });

/** Local mode: the outbox has the message; with --deliver it is also posted to the URL in the secret. */
function chatLocalDeliver(product: string) {
  return async (request: LocalDeliveryRequest, ports: LocalDeliveryPorts): Promise<string | undefined> => {
    if (!ports.deliverChat) return `${product} message for ${request.subscriber}, kept in the outbox (dwq start --deliver posts it):\n${indented(request.body)}`;
    const url = await ports.readSecret(request.endpoint);
    const problem = deliveryUrlProblem(url, 'local');
    // The problem's words may quote the value, and a chat URL is itself a credential: never shown.
    if (problem) throw new Error(`the value given for the secret ${request.endpoint} is not an https URL (nor http://127.0.0.1 or http://localhost)`);
    const id = deliveryId(request.messageId, request.subscriber);
    const { result, attempts } = await deliverWithRetries({ target: { url }, body: request.body, id }, ports.fetch ? { fetch: ports.fetch } : {});
    if (result.kind !== 'delivered') throw new Error(`${product} ${result.reason} after ${attempts} attempts`);
    return `${product} message delivered to ${request.subscriber}`;
  };
}

function indented(body: string): string {
  let pretty = body;
  try {
    pretty = JSON.stringify(JSON.parse(body), undefined, 2);
  } catch {
    // Not JSON: shown as it is.
  }
  return pretty.split('\n').map((line) => `    ${line}`).join('\n');
}

/**
 * What one alert channel is: the subscriber key it takes, its defaults, how its body is rendered,
 * how AWS delivers it and how local mode shows it. The table (index.ts) lists every channel; the
 * config schema, the alert bodies, the SNS subscriptions and the local outbox are built from it,
 * so a new channel is one module and one line there.
 */
import type { NotifyInput } from '../../model.ts';
import type { AlertFacts } from '../alert-facts.ts';
import type { AlertOutcome } from '../alert-message.ts';
import type { FailureAlerts } from '../filter-policy.ts';

/** What a subscriber of this channel receives when its config does not say. */
export interface ChannelDefaults {
  readonly outcomes: readonly AlertOutcome[];
  /** The outcomes default in words, for the JSON Schema: `all but SKIPPED`. */
  readonly outcomesText: string;
  readonly failures: FailureAlerts;
  readonly alarms: boolean;
}

/** Everything a renderer may use; pure data, so AWS and local mode render alike. */
export interface ChannelRenderInput {
  /** Its run masked already (formatAlert): a renderer does not mask again. */
  readonly input: NotifyInput;
  readonly facts: AlertFacts;
  readonly consoleUrl?: string;
}

/** The SNS protocols whose endpoint is a plain string SNS delivers to itself. */
export type SnsEndpointProtocol = 'email' | 'email-json' | 'sms' | 'http' | 'https';

/**
 * How AWS delivers the channel: SNS itself (a subscription with the subscriber's filter policy),
 * or our delivery function (infra/constructs/alert-delivery.ts: a queue per subscriber, subscribed
 * with the same filter policy, drained by functions/deliver) for channels SNS cannot reach.
 */
export type AwsDelivery =
  | { readonly kind: 'sns-subscription'; readonly protocol: SnsEndpointProtocol; readonly endpoint: string }
  | {
      readonly kind: 'delivery-function';
      readonly via: 'sqs';
      /** The URL itself, or the name of the Secrets Manager secret that holds it. */
      readonly endpoint: string;
      readonly endpointIs: 'url' | 'secret-name';
      /** True: signed (Standard Webhooks) with a per-subscriber secret the stack generates. */
      readonly signed: boolean;
    };

/** One alert for one subscriber, as local mode hands it to the channel. */
export interface LocalDeliveryRequest {
  readonly body: string;
  readonly endpoint: string;
  readonly subscriber: string;
  /** The outbox record's id: with the subscriber's name, it gives the delivery its stable id. */
  readonly messageId: string;
}

/** What local mode lends a channel to deliver with. */
export interface LocalDeliveryPorts {
  /** `whsec_…`: DWQ_SUBSCRIBER_SECRET, or one generated at start. */
  readonly signingSecret: string;
  /** `dwq start --deliver`: post Slack and Teams messages for real; otherwise they stay in the outbox. */
  readonly deliverChat: boolean;
  /** The value of a secret named in the config (the chat URL), for --deliver. */
  readonly readSecret: (name: string) => Promise<string>;
  /** Tests replace fetch (e.g. with a receiver's); default the global fetch. */
  readonly fetch?: (url: string, init: RequestInit) => Promise<Response>;
}

/** How local mode shows (and, for channels that can, delivers) the body, besides the outbox. */
export interface LocalDelivery {
  /** The label in the printed alert block: `SMS`, `Email`. */
  readonly label: string;
  /**
   * `line`: one line beside the label, shown first; `block`: the label, then the body indented;
   * `delivery`: left out of the printed alert (a JSON payload), its delivery prints its own line,
   * and only for the subscribers of the channel.
   */
  readonly layout: 'line' | 'block' | 'delivery';
  /**
   * Delivers for real (e.g. a webhook to localhost) and answers a line for the console, or
   * undefined when there is nothing to say; rejects when the receiver refused it or never answered.
   * Absent = the outbox line is the delivery.
   */
  deliver?(request: LocalDeliveryRequest, ports: LocalDeliveryPorts): Promise<string | undefined>;
}

export interface AlertChannel<Key extends string = string> {
  /** The subscriber key that names the channel and holds its endpoint: `email: ops@example.com`. */
  readonly key: Key;
  /** For the config message that lists the keys: `needs an email or an sms key`. */
  readonly article: 'a' | 'an';
  /**
   * Why the value under `key` is not an endpoint of this channel, in words a config author acts
   * on, or undefined when it is one. Plain code, not a schema, so that the Lambdas that render
   * alerts do not carry the config schema's library.
   */
  endpointProblem(value: unknown): string | undefined;
  /** The endpoint string a valid value stands for (a channel whose value is an object names its field). Default: the value. */
  endpointOf?(value: unknown): string;
  /** What editors are told of the value in the generated JSON Schema (`format`, `pattern`, or an object's shape). */
  readonly endpointJsonSchema: Readonly<Record<string, unknown>>;
  readonly defaults: ChannelDefaults;
  /** Set when the channel cannot take the alarm topic's CloudWatch notifications: why, for the config message. */
  readonly alarmsUnsupported?: string;
  /** This channel's body in the SNS `MessageStructure: 'json'` message, under `key`. */
  render(alert: ChannelRenderInput): string;
  /** How AWS delivers to this endpoint. */
  aws(endpoint: string): AwsDelivery;
  readonly local: LocalDelivery;
}

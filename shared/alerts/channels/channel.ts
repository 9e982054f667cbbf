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
  readonly input: NotifyInput;
  readonly facts: AlertFacts;
  readonly consoleUrl?: string | undefined;
}

/** The SNS protocols whose endpoint is a plain string SNS delivers to itself. */
export type SnsEndpointProtocol = 'email' | 'email-json' | 'sms' | 'http' | 'https';

/**
 * How AWS delivers the channel: SNS itself (a subscription with the subscriber's filter policy),
 * or a delivery function of ours (a Lambda subscribed to the topic, or an SQS queue it drains)
 * for channels SNS cannot reach, such as Slack or a signed webhook.
 */
export type AwsDelivery =
  | { readonly kind: 'sns-subscription'; readonly protocol: SnsEndpointProtocol; readonly endpoint: string }
  | { readonly kind: 'delivery-function'; readonly via: 'lambda' | 'sqs'; readonly endpoint: string };

/** How local mode shows (and, for channels that can, delivers) the body, besides the outbox. */
export interface LocalDelivery {
  /** The label in the printed alert block: `SMS`, `Email`. */
  readonly label: string;
  /** `line`: one line beside the label, shown first; `block`: the label, then the body indented. */
  readonly layout: 'line' | 'block';
  /** Delivers for real (e.g. a webhook to localhost); absent = the outbox line is the delivery. */
  deliver?(body: string, endpoint: string): Promise<void>;
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
  /** What editors are told of the endpoint in the generated JSON Schema (`format`, `pattern`). */
  readonly endpointJsonSchema: Readonly<Record<string, string>>;
  readonly defaults: ChannelDefaults;
  /** This channel's body in the SNS `MessageStructure: 'json'` message, under `key`. */
  render(alert: ChannelRenderInput): string;
  /** How AWS delivers to this endpoint. */
  aws(endpoint: string): AwsDelivery;
  readonly local: LocalDelivery;
}

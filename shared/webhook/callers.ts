/**
 * Who may call the webhook for a flow: the named callers that list it (`webhook.callers`), and the
 * flow's implicit caller when it has credentials of its own (`flows.<name>.webhook.auth`). Each
 * caller holds one credential per method; its key is what the WebhookSecrets port reads by.
 *
 * A signature names no caller (Standard Webhooks has no such header), so a request is checked
 * against each credential that may open the flow, in turn: an HMAC and a cached secret each,
 * bounded by the number of callers of that flow, and callers need to send nothing new.
 */
import type { DwqConfig } from '../config/schema.ts';
import type { AuthMethod } from './credential-check.ts';

/** One credential a request may present: whose it is (the secrets' key) and what kind. */
export interface Credential {
  /** The WebhookSecrets key: the flow's name for its implicit caller, `caller:<name>` for a named one. */
  readonly holder: string;
  readonly method: AuthMethod;
}

/** A caller as the webhook sees it: its credentials and the flows they open. */
export interface WebhookCaller {
  /** `named`: from webhook.callers; `flow`: a flow's own credentials (its `webhook.auth`). */
  readonly kind: 'named' | 'flow';
  /** The caller's name, or the flow's. */
  readonly name: string;
  readonly holder: string;
  /** For logs: the caller's name, or `flow <name>` for a flow's own credentials. */
  readonly label: string;
  readonly methods: readonly AuthMethod[];
  readonly flows: readonly string[];
}

const NAMED_PREFIX = 'caller:';

export function namedCallerKey(name: string): string {
  return `${NAMED_PREFIX}${name}`;
}

/** Every caller of the deployment: the named ones first, then each flow's own credentials. */
/** Per config: the webhook asks on every request, and a config never changes once loaded. */
const callersByConfig = new WeakMap<object, readonly WebhookCaller[]>();

export function webhookCallers(config: Pick<DwqConfig, 'flows' | 'webhook'>): readonly WebhookCaller[] {
  let callers = callersByConfig.get(config);
  if (callers === undefined) {
    callers = listCallers(config);
    callersByConfig.set(config, callers);
  }
  return callers;
}

function listCallers(config: Pick<DwqConfig, 'flows' | 'webhook'>): WebhookCaller[] {
  const named = config.webhook.callers.map((caller): WebhookCaller => ({
    kind: 'named',
    name: caller.name,
    holder: namedCallerKey(caller.name),
    label: caller.name,
    methods: [caller.auth],
    flows: caller.flows,
  }));
  const implicit = Object.values(config.flows).flatMap((flow) =>
    flow.webhook === undefined || flow.webhook.auth.length === 0
      ? []
      : [{ kind: 'flow' as const, name: flow.name, holder: flow.name, label: `flow ${flow.name}`, methods: flow.webhook.auth, flows: [flow.name] }],
  );
  return [...named, ...implicit];
}

/**
 * The webhook's callers as the stack builds them: none when no flow has a webhook (no webhook API
 * is built), else every caller.
 */
export function deployedWebhookCallers(config: Pick<DwqConfig, 'flows' | 'webhook'>): readonly WebhookCaller[] {
  return Object.values(config.flows).some((flow) => flow.webhook !== undefined) ? webhookCallers(config) : [];
}

/** The secrets those callers hold: one per caller and method (infra/constructs/webhook-secrets.ts). */
export function webhookSecretCount(callers: readonly WebhookCaller[]): number {
  return callers.reduce((sum, caller) => sum + caller.methods.length, 0);
}

/** The callers that may open this flow. */
export function callersOf(config: Pick<DwqConfig, 'flows' | 'webhook'>, flow: string): WebhookCaller[] {
  return webhookCallers(config).filter((caller) => caller.flows.includes(flow));
}

/** The credentials that open this flow, in the order they are tried. */
export function credentialsOf(config: Pick<DwqConfig, 'flows' | 'webhook'>, flow: string): Credential[] {
  return callersOf(config, flow).flatMap(credentialsOfCaller);
}

export function credentialsOfCaller(caller: WebhookCaller): Credential[] {
  return caller.methods.map((method) => ({ holder: caller.holder, method }));
}

/** The methods a flow accepts, whoever holds them: what a refusal asks for. */
export function methodsOf(config: Pick<DwqConfig, 'flows' | 'webhook'>, flow: string): AuthMethod[] {
  return [...new Set(callersOf(config, flow).flatMap((caller) => caller.methods))];
}

import type { DwqConfig, FlowConfig, WebhookConfig } from '../config/schema.ts';
import type { OperatorDeps } from '../operator/operator-deps.ts';
import type { WebhookLogger } from './webhook-logger.ts';
import type { WebhookSecrets } from './webhook-secrets.ts';

/**
 * Everything the webhook needs from outside; AWS and local mode wire these differently. The
 * operator commands' ports (it re-runs as `dwq rerun` does), with the run ledger optional (it
 * serves GET /runs, GET /runs/{runId} from the record, and re-runs; absent = describe through the
 * launcher only), and the callers' secrets.
 */
export interface WebhookDeps extends Pick<OperatorDeps, 'config' | 'launcher' | 'clock'>, Partial<Pick<OperatorDeps, 'ledger'>> {
  readonly secrets: WebhookSecrets;
  readonly logger?: WebhookLogger;
}

export type WebhookFlow = FlowConfig & { readonly webhook: WebhookConfig };

/** The flow, when it exists and has a webhook route; own keys only, so `__proto__` is just unknown. */
export function webhookFlowOf(config: DwqConfig, name: string): WebhookFlow | undefined {
  if (!Object.hasOwn(config.flows, name)) return undefined;
  const flow = config.flows[name];
  return flow?.webhook === undefined ? undefined : (flow as WebhookFlow);
}

import type { Clock } from '../clock.ts';
import type { DwqConfig, FlowConfig, WebhookConfig } from '../config/schema.ts';
import type { RunLedger } from '../ledger/run-ledger.ts';
import type { RunLauncher } from '../model.ts';
import type { WebhookLogger } from './webhook-logger.ts';
import type { WebhookSecrets } from './webhook-secrets.ts';

/** Everything the webhook needs from outside; AWS and local mode wire these differently. */
export interface WebhookDeps {
  readonly config: DwqConfig;
  readonly secrets: WebhookSecrets;
  readonly launcher: RunLauncher;
  readonly clock: Clock;
  readonly logger?: WebhookLogger | undefined;
  /** The run ledger: GET /runs, GET /runs/{runId} from the record, and re-runs; absent = describe through the launcher only. */
  readonly ledger?: RunLedger | undefined;
}

export type WebhookFlow = FlowConfig & { readonly webhook: WebhookConfig };

/** The flow, when it exists and has a webhook route; own keys only, so `__proto__` is just unknown. */
export function webhookFlowOf(config: DwqConfig, name: string): WebhookFlow | undefined {
  if (!Object.hasOwn(config.flows, name)) return undefined;
  const flow = config.flows[name];
  return flow?.webhook === undefined ? undefined : (flow as WebhookFlow);
}

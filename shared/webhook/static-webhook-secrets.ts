import type { WebhookSecrets } from './webhook-secrets.ts';

export interface StaticFlowCredentials {
  readonly signing?: string | undefined;
  readonly token?: string | undefined;
}

/** Credentials held in memory, per flow: local mode reads them from its own settings. */
export class StaticWebhookSecrets implements WebhookSecrets {
  readonly #credentials: ReadonlyMap<string, StaticFlowCredentials>;

  constructor(credentials: Readonly<Record<string, StaticFlowCredentials>>) {
    this.#credentials = new Map(Object.entries(credentials));
  }

  async signingSecret(flow: string): Promise<string | undefined> {
    return this.#credentials.get(flow)?.signing;
  }

  async bearerToken(flow: string): Promise<string | undefined> {
    return this.#credentials.get(flow)?.token;
  }
}

import type { WebhookSecrets } from './webhook-secrets.ts';

export interface StaticFlowCredentials {
  readonly signing?: string;
  readonly token?: string;
}

/** Credentials held in memory, per caller key (callers.ts): local mode reads them from its own settings. */
export class StaticWebhookSecrets implements WebhookSecrets {
  readonly #credentials: ReadonlyMap<string, StaticFlowCredentials>;

  constructor(credentials: Readonly<Record<string, StaticFlowCredentials>>) {
    this.#credentials = new Map(Object.entries(credentials));
  }

  async signingSecret(holder: string): Promise<string | undefined> {
    return this.#credentials.get(holder)?.signing;
  }

  async bearerToken(holder: string): Promise<string | undefined> {
    return this.#credentials.get(holder)?.token;
  }
}

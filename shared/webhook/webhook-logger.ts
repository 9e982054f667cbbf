/**
 * The little the webhook needs from a logger; Powertools' Logger fits it, so does a test's
 * capture. Attributes carry correlation keys (flow, runId, webhookId), never a secret.
 */
export interface WebhookLogger {
  info(message: string, attributes: Record<string, unknown>): void;
  warn(message: string, attributes: Record<string, unknown>): void;
  error(message: string, attributes: Record<string, unknown>): void;
}

export const silentLogger: WebhookLogger = { info: () => {}, warn: () => {}, error: () => {} };

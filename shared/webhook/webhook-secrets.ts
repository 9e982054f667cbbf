/**
 * Where the webhook finds each caller's credentials, by the caller's key (callers.ts: a flow's
 * name for the flow's own credentials, `caller:<name>` for a named caller). AWS reads Secrets Manager (cached, with an
 * expiry, so rotation needs no redeploy); local mode and tests may hold them in memory.
 * `undefined` = no such credential configured for that caller. A credential that is configured but
 * cannot be read throws SecretConfigurationError naming the secret (never its value).
 */
export interface WebhookSecrets {
  /** Standard Webhooks secret: `whsec_` + base64, or bare base64. */
  signingSecret(holder: string): Promise<string | undefined>;
  bearerToken(holder: string): Promise<string | undefined>;
}

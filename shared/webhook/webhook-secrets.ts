/**
 * Where the webhook finds each flow's credentials. AWS reads Secrets Manager (cached, with an
 * expiry, so rotation needs no redeploy); local mode and tests may hold them in memory.
 * `undefined` = no such credential configured for the flow. A credential that is configured but
 * cannot be read throws SecretConfigurationError naming the secret (never its value).
 */
export interface WebhookSecrets {
  /** Standard Webhooks secret: `whsec_` + base64, or bare base64. */
  signingSecret(flow: string): Promise<string | undefined>;
  bearerToken(flow: string): Promise<string | undefined>;
}

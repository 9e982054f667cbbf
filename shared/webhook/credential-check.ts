export type AuthMethod = 'signature' | 'bearer';

/** The result of checking one auth method against one request. */
export type CredentialCheck =
  | {
      readonly status: 'ok';
      readonly method: AuthMethod;
      /** Signature callers: the delivery id and the signed time. */
      readonly webhookId?: string;
      readonly timestamp?: Date;
    }
  /** The caller did not present this kind of credential (or only part of it). */
  | { readonly status: 'missing'; readonly detail: string }
  /** Presented and wrong. `message` is safe for the caller; `reason` is for the log. */
  | { readonly status: 'invalid'; readonly reason: string; readonly message: string }
  /** Our side: the secret is not configured or cannot be read. `detail` names it, never its value. */
  | { readonly status: 'unavailable'; readonly detail: string };

/**
 * A flow's secret for one auth method, trimmed; or, when there is none to check against, the
 * `unavailable` result saying why: unreadable (the reader's message, never a value) or not set.
 * `what` names the secret in those messages: `bearer token`, `signing secret`.
 */
export async function configuredSecret(
  flow: string,
  what: string,
  read: (flow: string) => Promise<string | undefined>,
): Promise<string | CredentialCheck> {
  let secret: string | undefined;
  try {
    secret = await read(flow);
  } catch (error) {
    return { status: 'unavailable', detail: error instanceof Error ? error.message : `${what} unreadable` };
  }
  if (secret === undefined || secret.trim() === '') {
    return { status: 'unavailable', detail: `no ${what} configured for flow ${flow}` };
  }
  return secret.trim();
}

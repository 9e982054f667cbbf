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

/**
 * The option every SDK adapter takes for its client: tests and local mode pass their own, and
 * without one the adapter uses its module's lazy client (lazy-client.ts).
 */
export interface ClientOption<Client> {
  /** Defaults to one client shared by every instance in the process (kept across invocations). */
  readonly client?: Client;
}

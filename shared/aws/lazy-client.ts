/**
 * The one way an adapter reaches an AWS SDK module: imported on first use, and its client created
 * once, on first use too. The Lambdas' bundles keep `@aws-sdk/*` external (the runtime ships it),
 * and esbuild hoists a static value import of an external module to the bundle's top, even from a
 * module that is itself imported dynamically: so an adapter imports only types from the SDK at its
 * top, and its module through here, so that no Lambda loads an SDK at init (docs/bench.md, P3).
 */

export interface LazyClient<Sdk, Client> {
  /** The SDK module, for its command classes: loaded once, then from Node's module cache. */
  sdk(): Promise<Sdk>;
  /** The client, created on the first call and kept (across invocations, in a Lambda). */
  client(): Promise<Client>;
}

/**
 * `load` must be an arrow around a literal `import('@aws-sdk/…')`, written in the adapter, so that
 * esbuild sees the dynamic import where it is used.
 */
export function lazyClient<Sdk, Client>(load: () => Promise<Sdk>, create: (sdk: Sdk) => Client): LazyClient<Sdk, Client> {
  let client: Client | undefined;
  return {
    sdk: load,
    async client() {
      if (client !== undefined) return client;
      const sdk = await load();
      client ??= create(sdk);
      return client;
    },
  };
}


/**
 * Every SDK client's HTTP limits. The SDK's own default waits for ever on a stalled socket, which
 * in a Lambda means a run step hanging until its timeout: each attempt gets a connection and a
 * request deadline instead, and the SDK's retries (3 attempts) carry on from there.
 */
export const AWS_CLIENT_TIMEOUTS = {
  requestHandler: { connectionTimeout: 3_000, requestTimeout: 5_000 },
} as const;

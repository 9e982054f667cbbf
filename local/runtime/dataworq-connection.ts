/**
 * Which DataWORQ local mode talks to: a real Cloud Connector (or native server) when the
 * environment names one, else the bundled emulator started in-process with fresh random keys,
 * sharing local mode's clock so a sped-up demo stays consistent.
 */
import { randomBytes } from 'node:crypto';
import type { DwqConfig } from '../../shared/config/schema.ts';
import { createDataworqClient } from '../../shared/dataworq/create-client.ts';
import type { TransportKind } from '../../shared/dataworq/transport.ts';
import type { ConnectorKeys, DataworqClient } from '../../shared/dataworq/types.ts';
import { ValidationError } from '../../shared/errors.ts';
import { startEmulator } from '../emulator/server.ts';
import type { EmulatorFlow, EmulatorHandle } from '../emulator/types.ts';
import type { ScaledClock } from './scaled-clock.ts';

export const DATAWORQ_ENV = {
  url: 'DATAWORQ_URL',
  apiKey: 'DATAWORQ_API_KEY',
  userApiKey: 'DATAWORQ_USER_API_KEY',
  transport: 'DATAWORQ_TRANSPORT',
} as const;

export type Env = Readonly<Record<string, string | undefined>>;

export interface ConnectorSettings {
  readonly transport: TransportKind;
  readonly url: string;
  readonly keys: ConnectorKeys;
}

/**
 * The real connector the environment configures, or undefined when it configures none
 * (neither DATAWORQ_URL nor DATAWORQ_USER_API_KEY set). A half-configured one is a
 * ValidationError naming what is missing, never a value.
 */
export function connectorFromEnv(env: Env, config?: DwqConfig, urlOverride?: string): ConnectorSettings | undefined {
  const url = urlOverride ?? env[DATAWORQ_ENV.url];
  const userApiKey = env[DATAWORQ_ENV.userApiKey];
  if (!url && !userApiKey) return undefined;
  const transport = transportOf(env, config);
  const missing = [
    ...(userApiKey ? [] : [DATAWORQ_ENV.userApiKey]),
    ...(transport === 'cloud-connector' && !env[DATAWORQ_ENV.apiKey] ? [DATAWORQ_ENV.apiKey] : []),
  ];
  if (missing.length > 0) {
    throw new ValidationError(`DataWORQ connector: set ${missing.join(' and ')} in the environment (transport ${transport})`);
  }
  const resolvedUrl = url || config?.connector.url;
  if (!resolvedUrl) throw new ValidationError(`DataWORQ connector: set ${DATAWORQ_ENV.url} in the environment`);
  return { transport, url: resolvedUrl, keys: { apiKey: env[DATAWORQ_ENV.apiKey] ?? '', userApiKey: userApiKey ?? '' } };
}

function transportOf(env: Env, config: DwqConfig | undefined): TransportKind {
  const named = env[DATAWORQ_ENV.transport];
  if (named === undefined || named === '') return config?.connector.transport ?? 'cloud-connector';
  if (named === 'cloud-connector' || named === 'native') return named;
  throw new ValidationError(`${DATAWORQ_ENV.transport} must be cloud-connector or native, got ${JSON.stringify(named.slice(0, 40))}`);
}

export interface DataworqConnection {
  readonly client: DataworqClient;
  readonly kind: 'emulator' | 'connector';
  readonly url: string;
  readonly transport: TransportKind;
  /** Set when local mode started the emulator. */
  readonly emulator?: EmulatorHandle;
  close(): Promise<void>;
}

export interface ConnectOptions {
  readonly config: DwqConfig;
  readonly env: Env;
  readonly clock: ScaledClock;
  /** The emulator's flows; default its catalogue (which the example config uses). */
  readonly emulatorFlows?: readonly EmulatorFlow[];
}

export async function connectDataworq(options: ConnectOptions): Promise<DataworqConnection> {
  const timeoutMs = options.config.connector.timeoutSeconds * 1000;
  const real = connectorFromEnv(options.env, options.config);
  if (real) {
    const client = createDataworqClient({ transport: real.transport, baseUrl: real.url, keys: real.keys, timeoutMs });
    return { client, kind: 'connector', url: real.url, transport: real.transport, close: async () => undefined };
  }
  // Fresh keys per start: nothing to configure, and nothing reusable leaks from a session.
  const keys = { apiKey: `DATAWORQ-${randomBytes(16).toString('hex')}`, userApiKey: randomBytes(16).toString('hex') };
  const emulator = await startEmulator({
    port: 0,
    keys,
    quiet: true,
    clock: options.clock.nowMs,
    ...(options.emulatorFlows ? { flows: options.emulatorFlows } : {}),
  });
  const client = createDataworqClient({ transport: 'cloud-connector', baseUrl: emulator.url, keys, timeoutMs });
  return { client, kind: 'emulator', url: emulator.url, transport: 'cloud-connector', emulator, close: () => emulator.close() };
}

/** A one-shot client for `dwq status` / `dwq jobs`. */
export function connectorClient(settings: ConnectorSettings, timeoutMs = 10_000): DataworqClient {
  return createDataworqClient({ transport: settings.transport, baseUrl: settings.url, keys: settings.keys, timeoutMs });
}

/**
 * Config as data: the part of the flows config a Lambda needs, written at synth as `config.json`
 * beside the bundled handler (infra/constructs/base-function.ts, `configFile`), read once at the
 * first use. A file has no size limit on a command line or in the environment, is one copy per
 * deploy, and holds only what that function needs (never subscribers' addresses for the webhook).
 */
import { ConfigError } from '../config/config-error.ts';
import type { DwqConfig } from '../config/schema.ts';
import type { WatchConfig } from '../watch/watch-config.ts';
import type { WebhookSecretNames } from './secrets-manager/webhook-secrets.ts';

// Not `import { readFileSync } from 'node:fs'`: as an ES module import, node:fs builds its whole
// namespace, loading fs/promises and readline with it, 3-5 ms of every cold start (docs/bench.md, P3).
const { readFileSync } = process.getBuiltinModule('node:fs');

export const CONFIG_FILE_NAME = 'config.json';

/** The webhook's file: its config subset, and per caller key (shared/webhook/callers.ts) its secrets' names. */
export interface WebhookConfigFile {
  readonly config: DwqConfig;
  readonly webhookSecrets: Readonly<Record<string, WebhookSecretNames>>;
}

/** The watchdog's file: the schedules and LATE/SUSPICIOUS rules (shared/watch/watch-config.ts). */
export interface WatchConfigFile {
  readonly watch: WatchConfig;
}

/** Submit's and Notify's file: the flows with schedules. */
export interface ScheduleConfigFile {
  readonly config: DwqConfig;
}

/**
 * The file's data, or undefined when there is none (running from source: tests and local mode
 * pass their config directly). `handlerUrl` is the handler module's `import.meta.url`
 * (functions/<name>/index.ts, always the bundle's index.mjs), so the file resolves beside it
 * even when this module lands in a chunk of its own.
 */
export function readConfigFile(handlerUrl: string | URL): unknown {
  const url = new URL(`./${CONFIG_FILE_NAME}`, handlerUrl);
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(CONFIG_FILE_NAME, [`(file): cannot read the bundled config (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}); redeploy with \`npx cdk deploy\``], { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError(CONFIG_FILE_NAME, ['(file): not JSON; the stack writes it at synth: redeploy with `npx cdk deploy` instead of editing the function'], { cause: error });
  }
}

/**
 * The config as loadConfig returns it (the stack validated it at synth), or undefined when `data`
 * does not look like one. Shape checks only: a Lambda carries no schema (docs/bench.md, P3).
 */
export function validatedConfigIn(data: unknown): DwqConfig | undefined {
  const config = data as Partial<DwqConfig> | null;
  const flows = Object.entries(config?.flows ?? {});
  const looksParsed =
    typeof config?.webhook?.maxBodyBytes === 'number' &&
    flows.length > 0 &&
    flows.every(([key, flow]) => flow?.name === key && typeof flow.maxDurationSeconds === 'number');
  return looksParsed ? (config as DwqConfig) : undefined;
}

/** The config of a Submit or Notify file (ScheduleConfigFile), read once; undefined without one. */
export function scheduleConfigReader(read: () => unknown): () => DwqConfig | undefined {
  let cached: { config: DwqConfig | undefined } | undefined;
  return () => {
    cached ??= { config: validatedConfigIn((read() as Partial<ScheduleConfigFile> | null | undefined)?.config) };
    return cached.config;
  };
}

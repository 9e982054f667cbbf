import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ValidationError } from '../../shared/errors.ts';
import { EMULATOR_CATALOGUE } from './catalogue.ts';
import { startEmulator } from './server.ts';
import type { EmulatorHandle, StatusForm } from './types.ts';

export interface EmulatorCliIo {
  /** Where the start-up lines go. Default: stdout. */
  readonly print?: (line: string) => void;
  /** Whether Ctrl-C (SIGINT) and SIGTERM close the emulator. Default true. */
  readonly handleSignals?: boolean;
}

/**
 * `dwq emulator --port 4010 --speed 1 --api-key K --user-api-key U [--host H] [--status-form F]
 * [--quiet]`: starts the emulator and prints its URL, the keys (generated ones only once, here)
 * and the catalogue. Resolves once listening; Ctrl-C closes it cleanly.
 */
export async function runEmulatorCli(args: readonly string[], io: EmulatorCliIo = {}): Promise<EmulatorHandle> {
  const print = io.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const { values } = parseArgs({
    args: [...args],
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      speed: { type: 'string', default: '1' },
      'api-key': { type: 'string' },
      'user-api-key': { type: 'string' },
      'status-form': { type: 'string', default: 'object' },
      quiet: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const generated = values['api-key'] === undefined || values['user-api-key'] === undefined;
  const keys = {
    apiKey: values['api-key'] ?? `DATAWORQ-${randomBytes(16).toString('hex')}`,
    userApiKey: values['user-api-key'] ?? randomBytes(16).toString('hex'),
  };
  const emulator = await startEmulator({
    port: wholeNumber('--port', values.port),
    host: values.host,
    speed: positiveNumber('--speed', values.speed),
    statusForm: values['status-form'] as StatusForm,
    keys,
    quiet: values.quiet,
  });
  // Before the first line, so whoever waits for "listening" can already stop it.
  if (io.handleSignals ?? true) closeOnSignals(emulator, print);
  print(`DataWORQ emulator listening on ${emulator.url} (speed ${values.speed}x)`);
  if (generated) print(`keys for this session: apiKey=${keys.apiKey} user-api-key=${keys.userApiKey}`);
  for (const [name, flow] of Object.entries(EMULATOR_CATALOGUE)) {
    print(`  flow ${name}: ${flow.flowId} (${flow.name}, ${flow.outcome})`);
  }
  return emulator;
}

function closeOnSignals(emulator: EmulatorHandle, print: (line: string) => void): void {
  const stop = (): void => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    emulator.close().then(
      () => print('DataWORQ emulator stopped'),
      (error: unknown) => {
        console.error('DataWORQ emulator did not close cleanly:', error);
        process.exitCode = 1;
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function wholeNumber(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0 || value > 65535) {
    throw new ValidationError(`${flag} must be a port number 0-65535, got ${text}`);
  }
  return value;
}

function positiveNumber(flag: string, text: string): number {
  const value = Number(text);
  if (!(Number.isFinite(value) && value > 0)) throw new ValidationError(`${flag} must be a number > 0, got ${text}`);
  return value;
}

if (import.meta.main) {
  runEmulatorCli(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}

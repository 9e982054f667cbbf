/** `dwq emulator`: the bundled DataWORQ emulator on its own, until Ctrl-C. */
import type { Command } from '@commander-js/extra-typings';
import { runEmulatorCli } from '../emulator/main.ts';
import { EMULATOR_CATALOGUE } from '../emulator/catalogue.ts';
import { exportLines } from '../runtime/local-session.ts';
import { writeLine } from './cli-io.ts';
import type { OptionsOf } from './declared-options.ts';
import type { CliContext } from './program.ts';

export function registerEmulatorCommand(program: Command, context: CliContext) {
  return program
    .command('emulator')
    .description('Run the bundled DataWORQ emulator stand-alone (both transports), until Ctrl-C.')
    .option('--port <n>', 'port (0 = a free one)', '4010')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--speed <n>', 'time factor: 10 runs jobs ten times faster', '1')
    .option('--api-key <key>', 'the apiKey callers must send (default: generated and printed)')
    .option('--user-api-key <key>', 'the user-api-key callers must send (default: generated and printed)')
    .option('--status-form <form>', 'how filter=executionStatus is answered: object, json-string or text', 'object')
    .option('--quiet', 'no request log')
    .option('--json', 'stdout gets one JSON line (url, keys, flows); everything else goes to stderr')
    .action((options): Promise<void> => emulator(options, context));
}

type EmulatorOptions = OptionsOf<ReturnType<typeof registerEmulatorCommand>>;

async function emulator(options: EmulatorOptions, context: CliContext): Promise<void> {
  const out = options.json ? context.io.stderr : context.io.stdout;
  const print = (line: string) => writeLine(out, line);
  // The emulator parses its own flags, so its checks and messages stay in one place.
  const emulatorHandle = await runEmulatorCli(
    [
      ['--port', options.port],
      ['--host', options.host],
      ['--speed', options.speed],
      ['--api-key', options.apiKey],
      ['--user-api-key', options.userApiKey],
      ['--status-form', options.statusForm],
    ].flatMap(([flag, value]) => (value === undefined ? [] : [flag as string, value])).concat(options.quiet ? ['--quiet'] : []),
    { print, handleSignals: false },
  );
  const generated = options.apiKey === undefined || options.userApiKey === undefined;
  if (options.json) {
    const flows = Object.entries(EMULATOR_CATALOGUE).map(([key, flow]) => ({ key, flowId: flow.flowId, name: flow.name, outcome: flow.outcome }));
    writeLine(context.io.stdout, JSON.stringify({ url: emulatorHandle.url, ...(generated ? { apiKey: emulatorHandle.keys.apiKey, userApiKey: emulatorHandle.keys.userApiKey } : {}), flows }));
  } else if (generated) {
    print('Paste these into another shell for `dwq jobs` and `dwq status`:');
    for (const line of exportLines(emulatorHandle.url, emulatorHandle.keys)) print(`  ${line}`);
  }
  print('Ctrl-C to stop.');
  await context.io.waitForStop();
  await emulatorHandle.close();
  print('DataWORQ emulator stopped');
}

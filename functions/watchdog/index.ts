// First: stack traces name the TypeScript source, the map read only when one is printed.
import '../../shared/aws/lambda-source-maps.ts';
import { readConfigFile } from '../../shared/aws/config-file.ts';
import { createWatchdogHandler } from './handler.ts';
import { watchConfigFromFile } from './watch-config-env.ts';

// The watch config is `config.json` in the asset, written at synth (infra/constructs/base-function.ts).
export const handler = createWatchdogHandler(process.env, {}, () => watchConfigFromFile(readConfigFile(import.meta.url)));

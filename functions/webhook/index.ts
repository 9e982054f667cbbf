// First: stack traces name the TypeScript source, the map read only when one is printed.
import '../../shared/aws/lambda-source-maps.ts';
import { readConfigFile } from '../../shared/aws/config-file.ts';
import { createWebhookHandler } from './handler.ts';

// The config is `config.json` in the asset, written at synth (infra/constructs/base-function.ts).
export const handler = createWebhookHandler(process.env, () => readConfigFile(import.meta.url));

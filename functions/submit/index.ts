// First: stack traces name the TypeScript source, the map read only when one is printed.
import '../../shared/aws/lambda-source-maps.ts';
import { readConfigFile, scheduleConfigReader } from '../../shared/aws/config-file.ts';
import { createSubmitHandler } from './handler.ts';

// A schedule's input names its flow; the flows are config.json in the asset (infra/constructs/base-function.ts).
export const handler = createSubmitHandler(process.env, {}, scheduleConfigReader(() => readConfigFile(import.meta.url)));

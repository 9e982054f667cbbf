// First: stack traces name the TypeScript source, the map read only when one is printed.
import '../../shared/aws/lambda-source-maps.ts';
import { readConfigFile, scheduleConfigReader } from '../../shared/aws/config-file.ts';
import { createNotifyHandler } from './handler.ts';

// After a crashed Submit, a schedule's input still names its flow: config.json in the asset resolves it.
export const handler = createNotifyHandler(process.env, {}, scheduleConfigReader(() => readConfigFile(import.meta.url)));

// First: stack traces name the TypeScript source, the map read only when one is printed.
import '../../shared/aws/lambda-source-maps.ts';
import { createCheckHandler } from './handler.ts';

export const handler = createCheckHandler(process.env);

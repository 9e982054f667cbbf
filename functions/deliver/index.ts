// First: stack traces name the TypeScript source, the map read only when one is printed.
import '../../shared/aws/lambda-source-maps.ts';
import { createDeliverHandler } from './handler.ts';

export const handler = createDeliverHandler(process.env);

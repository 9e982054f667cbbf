import { createDeliverHandler } from './handler.ts';

export const handler = createDeliverHandler(process.env);

import { createCheckHandler } from './handler.ts';

export const handler = createCheckHandler(process.env);

import { createNotifyHandler } from './handler.ts';

export const handler = createNotifyHandler(process.env);

import { createSubmitHandler } from './handler.ts';

export const handler = createSubmitHandler(process.env);

import { createWebhookHandler } from './handler.ts';

// Named in full so esbuild's `define` can replace it with the config inlined at bundle time.
export const handler = createWebhookHandler({ ...process.env, DWQ_CONFIG_JSON: process.env.DWQ_CONFIG_JSON });

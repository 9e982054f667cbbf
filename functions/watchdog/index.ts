import { createWatchdogHandler } from './handler.ts';

// Named in full so esbuild's `define` can replace it with the watch config inlined at bundle time.
export const handler = createWatchdogHandler({ ...process.env, DWQ_WATCH_CONFIG_JSON: process.env.DWQ_WATCH_CONFIG_JSON });

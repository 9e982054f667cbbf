/**
 * The logging ports (the run steps' Log, the webhook's WebhookLogger) as readable lines for the
 * terminal. The attributes are the ones the shared code logs: correlation keys, never secrets.
 */
import type { Log } from '../../shared/log.ts';
import type { WebhookLogger } from '../../shared/webhook/webhook-logger.ts';

export interface LocalLogOptions {
  readonly print: (line: string) => void;
  /** Also print info and debug lines; default only warnings and errors. */
  readonly verbose?: boolean;
  /** Prefix naming the part that speaks, e.g. `webhook`. */
  readonly source: string;
}

export function localLog(options: LocalLogOptions): Log & WebhookLogger {
  const line = (level: string, message: string, extra?: Record<string, unknown>) =>
    options.print(`[${options.source}] ${level === 'info' ? '' : `${level.toUpperCase()} `}${message}${attributesText(extra)}`);
  return {
    debug: (message, extra) => (options.verbose ? line('debug', message, extra) : undefined),
    info: (message, extra) => (options.verbose ? line('info', message, extra) : undefined),
    warn: (message, extra) => line('warn', message, extra),
    error: (message, extra) => line('error', message, extra),
  };
}

function attributesText(extra: Record<string, unknown> | undefined): string {
  if (!extra) return '';
  const parts = Object.entries(extra)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

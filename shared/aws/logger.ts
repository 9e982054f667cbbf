/** The one Powertools Logger every Lambda uses (JSON lines), and its adapter to our Log port. */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Log } from '../log.ts';

export function createLogger(serviceName = 'dataworq-runner'): Logger {
  return new Logger({ serviceName });
}

export function asLog(logger: Logger): Log {
  return {
    debug: (message, extra) => (extra ? logger.debug(message, extra) : logger.debug(message)),
    info: (message, extra) => (extra ? logger.info(message, extra) : logger.info(message)),
    warn: (message, extra) => (extra ? logger.warn(message, extra) : logger.warn(message)),
    error: (message, extra) => (extra ? logger.error(message, extra) : logger.error(message)),
  };
}

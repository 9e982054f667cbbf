/** ConfigError's home is shared/errors.ts (one error hierarchy); this path stays for its many importers. */
export { ConfigError } from '../errors.ts';

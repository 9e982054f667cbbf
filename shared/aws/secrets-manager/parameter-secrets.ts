/**
 * The values of `parameters.X.fromSecret` parameters, read by Submit at call time through the
 * cached reader, so that they never enter config, template, state or alerts. Errors name the
 * secret and what to put in it, never a value.
 */
import { SecretConfigurationError } from '../../errors.ts';
import { LAMBDA_ENV_DEFAULTS } from '../lambda-env.ts';
import { secretErrorReason, type SecretRead, secretReader, secretText, type SecretValue } from './cached-secret-reader.ts';

export interface ParameterSecretsOptions {
  readonly maxAgeSeconds?: number;
  /** Defaults to the shared cached reader (the SDK is loaded on the first read). */
  readonly read?: SecretRead;
}

export function parameterSecretReader(options: ParameterSecretsOptions = {}): (secretName: string) => Promise<string> {
  const read = options.read ?? secretReader();
  const maxAge = options.maxAgeSeconds ?? LAMBDA_ENV_DEFAULTS.secretMaxAgeSeconds;
  return async (secretName) => {
    let raw: SecretValue;
    try {
      raw = await read(secretName, maxAge);
    } catch (error) {
      throw new SecretConfigurationError(`parameter secret ${secretName} could not be read (${secretErrorReason(error)})`, { cause: error });
    }
    const value = secretText(raw);
    if (value === undefined || value === '') {
      throw new SecretConfigurationError(`parameter secret ${secretName} has no value; put the parameter's value in it (plain text)`);
    }
    return value;
  };
}

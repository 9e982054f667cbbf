import { describe, expect, it } from 'vitest';
import { LAMBDA_ENV, LAMBDA_ENV_DEFAULTS, MissingEnvError, numberEnv, optionalEnv, requiredEnv } from '../../../shared/aws/lambda-env.ts';
import { ConfigError } from '../../../shared/config/config-error.ts';

describe('Module: lambda-env', () => {
  it('names every variable once', () => {
    // Assess
    const names = Object.values(LAMBDA_ENV);
    expect(new Set(names).size).toBe(names.length);
  });

  it('throws a MissingEnvError, a ConfigError naming the variable, for a missing or empty required variable', () => {
    // Act
    const missing = () => requiredEnv({}, 'connectorSecret');
    const empty = () => requiredEnv({ DWQ_CONNECTOR_SECRET: '' }, 'connectorSecret');

    // Assess
    expect(missing).toThrow(MissingEnvError);
    expect(missing).toThrow(ConfigError);
    expect(missing).toThrow(/DWQ_CONNECTOR_SECRET/);
    expect(empty).toThrow(MissingEnvError);
  });

  it('returns a set value, and undefined for an empty one', () => {
    // Assess
    expect(requiredEnv({ STATE_MACHINE_ARN: 'arn:x' }, 'stateMachineArn')).toBe('arn:x');
    expect(optionalEnv({ DWQ_BASE_URL: '' }, 'baseUrl')).toBeUndefined();
  });

  it('reads a number, its default when unset', () => {
    // Assess
    expect(numberEnv({}, 'secretMaxAgeSeconds')).toBe(300);
    expect(numberEnv({}, 'timeoutMs')).toBe(LAMBDA_ENV_DEFAULTS.timeoutMs);
    expect(numberEnv({ DWQ_TIMEOUT_MS: '2500' }, 'timeoutMs')).toBe(2500);
  });
});

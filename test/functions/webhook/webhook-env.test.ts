import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configFromEnv, secretNamesFromEnv } from '../../../functions/webhook/webhook-env.ts';
import { ConfigError } from '../../../shared/config/config-error.ts';
import { config, CONFIG_YAML } from '../../shared/webhook/webhook-test-kit.ts';

describe('Function: configFromEnv', () => {
  it('validates the config as written, given as JSON', () => {
    // Act
    const parsed = configFromEnv(JSON.stringify(parse(CONFIG_YAML)));

    // Assess
    expect(parsed).toEqual(config);
  });

  it('accepts the already-parsed config, as loadConfig returns it', () => {
    // Act
    const parsed = configFromEnv(JSON.stringify(config));

    // Assess
    expect(parsed).toEqual(config);
  });

  it('refuses a missing or invalid config with a ConfigError naming the variable', () => {
    // Act & Assess
    expect(() => configFromEnv(undefined)).toThrow(ConfigError);
    expect(() => configFromEnv('{"flows":{"x":{"flowId":"nope"}}}')).toThrow(/^DWQ_CONFIG_JSON is not a valid DataWORQ config/);
  });
});

describe('Function: secretNamesFromEnv', () => {
  it('reads the secret names per flow, and none when unset', () => {
    // Act
    const names = secretNamesFromEnv('{"nightly-load":{"signing":"dwq/webhook/nightly-load"}}');

    // Assess
    expect(names).toEqual({ 'nightly-load': { signing: 'dwq/webhook/nightly-load' } });
    expect(secretNamesFromEnv(undefined)).toEqual({});
  });

  it('refuses malformed JSON and unknown keys', () => {
    // Act & Assess
    expect(() => secretNamesFromEnv('{nope')).toThrow(ConfigError);
    expect(() => secretNamesFromEnv('{"nightly-load":{"signingSecret":"x"}}')).toThrow(/DWQ_WEBHOOK_SECRETS/);
  });
});

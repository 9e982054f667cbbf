import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configFromEnv, secretNamesFromEnv, webhookConfigFromFile } from '../../../functions/webhook/webhook-env.ts';
import { ConfigError } from '../../../shared/config/config-error.ts';
import { config, CONFIG_YAML } from '../../shared/webhook/webhook-test-kit.ts';

describe('Function: configFromEnv', () => {
  it('refuses the config as written (not the form validated at synth), saying how to deploy it', () => {
    // Act & Assess
    expect(() => configFromEnv(JSON.stringify(parse(CONFIG_YAML)))).toThrow(/DWQ_CONFIG_JSON[\s\S]*not the validated config the stack inlines at synth; deploy with `npx cdk deploy`/);
  });

  it('accepts the config validated at synth, as loadConfig returns it', () => {
    // Act
    const parsed = configFromEnv(JSON.stringify(config));

    // Assess
    expect(parsed).toEqual(config);
  });

  it('refuses a missing or invalid config with a ConfigError naming the variable', () => {
    // Act & Assess
    expect(() => configFromEnv(undefined)).toThrow(ConfigError);
    expect(() => configFromEnv('{"flows":{"x":{"flowId":"nope"}}}')).toThrow(/DWQ_CONFIG_JSON[\s\S]*not the validated config/);
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

  it('lists every wrong entry, naming the flow and key', () => {
    // Act
    const failure = (() => {
      try {
        return secretNamesFromEnv('{"a":{"signing":""},"b":"dwq/webhook/b","c":{"token":7,"signingSecret":"x"}}');
      } catch (error) {
        return error;
      }
    })();

    // Assess
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).issues).toEqual([
      'a.signing: expected a secret name or ARN (non-empty text)',
      'b: expected an object with signing and/or token',
      'c.token: expected a secret name or ARN (non-empty text)',
      'c.signingSecret: unknown key; expected signing or token',
    ]);
    expect(() => secretNamesFromEnv('["nightly-load"]')).toThrow(/\(top level\): expected an object/);
  });
});

describe('Function: webhookConfigFromFile', () => {
  it("reads the config and the callers' secret names from the asset's config.json", () => {
    // Act
    const read = webhookConfigFromFile(JSON.parse(JSON.stringify({ config, webhookSecrets: { 'caller:planning': { signing: 'S/webhook/callers/planning/signing' } } })));

    // Assess
    expect(read.config).toEqual(config);
    expect(read.secretNames).toEqual({ 'caller:planning': { signing: 'S/webhook/callers/planning/signing' } });
  });

  it('refuses a file that is not what the stack writes, naming config.json and the fix', () => {
    // Act & Assess
    expect(() => webhookConfigFromFile({ config: parse(CONFIG_YAML) })).toThrow(/config\.json[\s\S]*not the validated config the stack writes at synth; redeploy/);
    expect(() => webhookConfigFromFile({ config, webhookSecrets: { x: { signing: '' } } })).toThrow(/webhookSecrets\.x\.signing: expected a secret name/);
  });
});

import { describe, expect, it } from 'vitest';
import {
  AlertPublishError,
  ConfigError,
  DataworqOversizedAnswerError,
  DwqError,
  ParameterTemplateError,
  RunStartRefusedError,
  ValidationError,
} from '../../shared/errors.ts';

describe('shared/errors', () => {
  it.each([
    ['AlertPublishError', new AlertPublishError('publish failed'), DwqError],
    ['ParameterTemplateError', new ParameterTemplateError('bad template', { reason: 'bad' }), ValidationError],
    ['ConfigError', new ConfigError('config/dataworq.yaml', ['flows: required']), ValidationError],
    ['RunStartRefusedError', new RunStartRefusedError('refused', true), DwqError],
  ])('names a %s by the name the state machine catches, whatever the bundle calls the class', (name, error, base) => {
    expect(error.name).toBe(name);
    expect(error).toBeInstanceOf(base);
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toMatch(new RegExp(`^${name}: `));
  });

  it('keeps the cause and the one fact an error carries', () => {
    const cause = new Error('socket hang up');
    const oversized = new DataworqOversizedAnswerError('too large', 1024, { cause });
    const refused = new RunStartRefusedError('refused', false, { cause });

    expect(oversized.limitBytes).toBe(1024);
    expect(oversized.cause).toBe(cause);
    expect(refused.tooLarge).toBe(false);
    expect(refused.cause).toBe(cause);
  });
});

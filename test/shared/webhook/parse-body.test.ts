import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunInput } from '../../../shared/model.ts';
import { handleWebhookRequest } from '../../../shared/webhook/handle-webhook.ts';
import { bearerPost, bodyOf, signedPost, webhookHarness } from './webhook-test-kit.ts';

async function post(rawBody: string, flow = 'nightly-load') {
  const { sfn, deps } = webhookHarness();
  const response = await handleWebhookRequest(flow === 'hourly-sync' ? bearerPost(flow, rawBody) : signedPost(flow, rawBody), deps);
  const started = sfn.client.commandCalls(StartExecutionCommand);
  const input = started[0] ? (JSON.parse(started[0].args[0].input.input ?? '{}') as RunInput) : undefined;
  return { response, body: bodyOf(response), startCount: started.length, input };
}

describe('Function: handleWebhookRequest › request bodies', () => {
  afterEach(() => {
    mockClient(SFNClient).restore();
  });

  it('runs with the config defaults when the body is empty', async () => {
    // Act
    const { response, input } = await post('');

    // Assess
    expect(response.statusCode).toBe(202);
    expect(input?.flow).toMatchObject({
      name: 'nightly-load',
      runProfileName: 'default',
      notificationEnabled: false,
      parameters: [
        { name: 'ROWS', type: 'integer', value: 1000 },
        { name: 'LABEL', type: 'string', value: 'standard' },
        { name: 'REGION', type: 'string', value: 'eu' },
      ],
    });
  });

  it('takes allowed parameters with their declared types, a run profile and the notification flag', async () => {
    // Act
    const { response, input } = await post(
      JSON.stringify({ parameters: { ROWS: 7, RATIO: 0.25, LABEL: 'tab\tseparated' }, runProfileName: 'weekend', notificationEnabled: true }),
    );

    // Assess
    expect(response.statusCode).toBe(202);
    expect(input?.flow.runProfileName).toBe('weekend');
    expect(input?.flow.notificationEnabled).toBe(true);
    expect(input?.flow.parameters).toEqual([
      { name: 'ROWS', type: 'integer', value: 7 },
      { name: 'RATIO', type: 'float', value: 0.25 },
      { name: 'LABEL', type: 'string', value: 'tab\tseparated' },
      { name: 'REGION', type: 'string', value: 'eu' },
    ]);
  });

  it.each([
    ['a string for an integer', '{"parameters":{"ROWS":"abc"}}', "parameter 'ROWS' of flow 'nightly-load' must be an integer (got a string)"],
    ['a numeric string for an integer', '{"parameters":{"ROWS":"12"}}', "parameter 'ROWS' of flow 'nightly-load' must be an integer (got a string)"],
    ['1.5 for an integer', '{"parameters":{"ROWS":1.5}}', "parameter 'ROWS' of flow 'nightly-load' must be an integer (got the number 1.5)"],
    ['an integer beyond 2^53', '{"parameters":{"ROWS":12345678901234567890}}', "parameter 'ROWS' of flow 'nightly-load' must be an integer between"],
    ['a number too large for a float', '{"parameters":{"RATIO":1e400}}', "parameter 'RATIO' of flow 'nightly-load' must be a finite number (got Infinity)"],
    ['"NaN" for a float', '{"parameters":{"RATIO":"NaN"}}', "parameter 'RATIO' of flow 'nightly-load' must be a finite number (got a string)"],
    ['"Infinity" for a float', '{"parameters":{"RATIO":"Infinity"}}', "parameter 'RATIO' of flow 'nightly-load' must be a finite number (got a string)"],
    ['a number for a string', '{"parameters":{"LABEL":7}}', "parameter 'LABEL' of flow 'nightly-load' must be a string (got the number 7)"],
    ['null for an integer', '{"parameters":{"ROWS":null}}', "parameter 'ROWS' of flow 'nightly-load' must be an integer (got null)"],
    ['a declared parameter callers may not set', '{"parameters":{"REGION":"us"}}', "parameter 'REGION' of flow 'nightly-load' may not be set by the caller (allowed: ROWS, RATIO, LABEL)"],
    ['an undeclared parameter', '{"parameters":{"DROP_TABLES":1}}', "unknown parameter 'DROP_TABLES' for flow 'nightly-load'"],
  ])('answers 400 naming the parameter for %s', async (_case, rawBody, message) => {
    // Act
    const { response, body, startCount } = await post(rawBody);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(body).toEqual({ error: 'invalid_request', message: expect.stringContaining(message) });
    expect(startCount).toBe(0);
  });

  it.each([
    ['malformed JSON', '{"parameters":', 'malformed_json', 'the body is not valid JSON'],
    ['a JSON array', '[1,2]', 'invalid_body', 'the body must be a JSON object'],
    ['a JSON string', '"run"', 'invalid_body', 'the body must be a JSON object'],
    ['an unknown top-level key', '{"parameters":{},"priority":"high"}', 'unknown_field', 'unknown field "priority" (allowed: parameters, runProfileName, notificationEnabled, logicalTime)'],
    ['a __proto__ key', '{"__proto__":{"admin":true}}', 'invalid_body', 'field "__proto__" is not allowed'],
    ['a constructor parameter', '{"parameters":{"constructor":1}}', 'invalid_body', 'parameter name "constructor" is not allowed'],
    ['a nested parameter value', '{"parameters":{"ROWS":{"value":1}}}', 'invalid_parameter', 'parameter ROWS: must be a string or a number, not an object'],
    ['a list parameter value', '{"parameters":{"ROWS":[1]}}', 'invalid_parameter', 'parameter ROWS: must be a string or a number, not a list'],
    ['parameters as a list', '{"parameters":[{"name":"ROWS","value":1}]}', 'invalid_body', 'parameters must be an object of NAME: value'],
    ['a control character in a value', '{"parameters":{"LABEL":"a\\u0000b"}}', 'invalid_parameter', 'parameter LABEL: control characters are not allowed (tab is)'],
    ['a newline in a value', '{"parameters":{"LABEL":"a\\nb"}}', 'invalid_parameter', 'parameter LABEL: control characters are not allowed (tab is)'],
    ['a parameter name over 128 characters', `{"parameters":{"${'P'.repeat(129)}":1}}`, 'invalid_body', 'a parameter name is longer than 128 characters'],
    ['a non-boolean notificationEnabled', '{"notificationEnabled":"yes"}', 'invalid_body', 'notificationEnabled must be true or false'],
    ['an empty runProfileName', '{"runProfileName":""}', 'invalid_body', 'runProfileName must be a non-empty string'],
  ])('answers 400 for %s', async (_case, rawBody, error, message) => {
    // Act
    const { response, body, startCount } = await post(rawBody);

    // Assess
    expect(response.statusCode).toBe(400);
    expect(body).toEqual({ error, message });
    expect(startCount).toBe(0);
  });

  it('refuses a run profile override when the flow does not allow it', async () => {
    // Act
    const { response, body } = await post('{"runProfileName":"weekend"}', 'hourly-sync');

    // Assess
    expect(response.statusCode).toBe(400);
    expect(body.message).toBe("flow 'hourly-sync' does not allow overriding runProfileName");
  });

  it('does not let a __proto__ key change the parameters it resolves', async () => {
    // Act
    const { response } = await post('{"parameters":{"__proto__":{"ROWS":"x"}}}');

    // Assess
    expect(response.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).ROWS).toBeUndefined();
  });
});

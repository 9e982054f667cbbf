import type { ConnectorKeys } from '../../../../shared/dataworq/types.ts';

/** Distinctive values, so a test can prove they never appear in a message. */
export const TEST_KEYS: ConnectorKeys = {
  apiKey: 'DATAWORQ-apikey-zq81SECRETx7f3a9c',
  userApiKey: 'userkey-kd52SECRETw91b2e4',
};

/** Everything an error could leak through: message, stack, body, and its causes. */
export function errorText(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error; current !== undefined && parts.length < 5; current = (current as { cause?: unknown }).cause) {
    if (current instanceof Error) parts.push(current.message, current.stack ?? '', JSON.stringify(current));
    else parts.push(String(current));
  }
  return parts.join('\n');
}

export function expectNoKeys(text: string): void {
  for (const key of [TEST_KEYS.apiKey, TEST_KEYS.userApiKey]) {
    if (text.includes(key)) throw new Error('a connector key appears in the text');
  }
}

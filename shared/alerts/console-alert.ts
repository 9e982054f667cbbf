/** Local mode prints each alert as a block a developer can read at a glance in the terminal. */
import type { AlertMessage } from './alert-message.ts';

const RULE = '-'.repeat(72);

export function formatAlertForConsole(message: AlertMessage): string {
  const { outcome, severity, flow } = message.attributes;
  const email = message.bodies.email
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => (line === '' ? '' : `    ${line}`));
  return [
    RULE,
    `ALERT ${outcome} (${severity}) flow=${flow}`,
    `Subject: ${message.subject}`,
    `SMS:     ${message.bodies.sms}`,
    'Email:',
    ...email,
    RULE,
  ].join('\n');
}

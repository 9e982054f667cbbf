/**
 * Local mode prints each alert as a block a developer can read at a glance in the terminal: the
 * one-line bodies (SMS) first, beside the subject, then the long ones (email) indented.
 */
import type { AlertMessage } from './alert-message.ts';
import { ALERT_CHANNELS } from './channels/index.ts';

const RULE = '-'.repeat(72);
const LABEL_WIDTH = 'Subject: '.length;

export function formatAlertForConsole(message: AlertMessage): string {
  const { outcome, severity, flow } = message.attributes;
  const lines = ALERT_CHANNELS.filter(({ local }) => local.layout === 'line').map(
    ({ key, local }) => `${`${local.label}:`.padEnd(LABEL_WIDTH)}${message.bodies[key]}`,
  );
  const blocks = ALERT_CHANNELS.filter(({ local }) => local.layout === 'block').flatMap(({ key, local }) => [
    `${local.label}:`,
    ...indent(message.bodies[key]),
  ]);
  return [RULE, `ALERT ${outcome} (${severity}) flow=${flow}`, `Subject: ${message.subject}`, ...lines, ...blocks, RULE].join('\n');
}

function indent(body: string): string[] {
  return body
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => (line === '' ? '' : `    ${line}`));
}

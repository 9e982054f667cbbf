/** Email: everything someone on call needs without opening a console; SNS delivers it. */
import { regexes } from 'zod/v4/core';
import { ALERT_OUTCOMES } from '../alert-message.ts';
import { emailBody } from '../email-body.ts';
import type { AlertChannel } from './channel.ts';

export const emailChannel: AlertChannel<'email'> = {
  key: 'email',
  article: 'an',
  endpointJsonSchema: { format: 'email', pattern: regexes.email.source },
  endpointProblem: (value) =>
    typeof value === 'string' && regexes.email.test(value) ? undefined : 'must be an email address such as ops@example.com',
  defaults: {
    // Email gets everything worth reading (the watchdog's MISSED, LATE and SUSPICIOUS included);
    // SKIPPED is routine and would only be noise.
    outcomes: ALERT_OUTCOMES.filter((outcome) => outcome !== 'SKIPPED'),
    outcomesText: 'all but SKIPPED',
    // A long outage is worth hearing about now and then, and so are the operational alarms.
    failures: 'reminders',
    alarms: true,
  },
  render: ({ input, facts, consoleUrl }) => emailBody(input, facts, consoleUrl),
  aws: (endpoint) => ({ kind: 'sns-subscription', protocol: 'email', endpoint }),
  local: { label: 'Email', layout: 'block' },
};

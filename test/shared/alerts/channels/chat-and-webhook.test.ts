import { describe, expect, it } from 'vitest';
import { alertFacts } from '../../../../shared/alerts/alert-facts.ts';
import { snsMessageBodies } from '../../../../shared/alerts/channels/index.ts';
import { slackChannel } from '../../../../shared/alerts/channels/slack.ts';
import { teamsChannel } from '../../../../shared/alerts/channels/teams.ts';
import { webhookChannel } from '../../../../shared/alerts/channels/webhook.ts';
import { WEBHOOK_EVENT_TYPES } from '../../../../shared/alerts/channels/webhook.ts';
import { formatAlert } from '../../../../shared/alerts/format-alert.ts';
import type { NotifyInput } from '../../../../shared/model.ts';
import { cancelledInput, completedInput, erroredInput, lostInput, skippedInput, submitFailedInput, timedOutInput } from '../notify-inputs.ts';
import { slackProblems, teamsProblems } from './payload-schemas.ts';

const CONSOLE = 'https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/v2/executions/details/arn:aws:states:eu-west-1:123456789012:execution:RunFlow:x';
const QUOTES_5KB = `"ORA-01555" said \\"no\\" <@U123> ${'"\\'.repeat(2500)}`;
const HUGE_LOG = Array.from({ length: 2000 }, (_, index) => `05/19/2021 22:10:02,${index} "quoted" \\path\\ <b>${'x'.repeat(300)}</b>`).join('\r\n');

function hostile(): NotifyInput {
  const input = erroredInput(QUOTES_5KB, {
    name: `flow-${'数据'.repeat(200)}`,
    parameters: Array.from({ length: 300 }, (_, index) => ({ name: index === 0 ? 'DB_PASSWORD' : `P${index}`, type: 'string' as const, value: `"${'v'.repeat(5000)}"` })),
  });
  return { ...input, run: { ...input.run, message: 'x'.repeat(100_000), job: { ...input.run.job!, logTail: HUGE_LOG, currentStep: `"${'s'.repeat(10_000)}"` } } };
}

const render = (channel: typeof slackChannel | typeof teamsChannel | typeof webhookChannel, input: NotifyInput, consoleUrl?: string) =>
  JSON.parse(channel.render({ input, facts: alertFacts(input), consoleUrl }));

const cases = [
  { label: 'an ERROR', input: erroredInput() },
  { label: 'a COMPLETED run', input: completedInput },
  { label: 'a SUBMIT_FAILED run with no job', input: submitFailedInput },
  { label: 'a LOST run', input: lostInput },
  { label: 'a hostile run (5 KB of quotes, a huge log, 300 parameters)', input: hostile() },
];

describe('Channel: slack', () => {
  it.each(cases)('renders Block Kit within Slack\'s limits for $label', ({ input }) => {
    // Act
    const payload = render(slackChannel, input, CONSOLE);

    // Assess
    expect(slackProblems(payload)).toEqual([]);
  });

  it('shows the headline, outcome coloured by severity, flow, duration, step, error, log tail and run id', () => {
    // Act
    const payload = render(slackChannel, erroredInput(), CONSOLE);
    const text = JSON.stringify(payload);

    // Assess
    expect(payload.attachments[0].color).toBe('#d1242f');
    expect(payload.attachments[0].blocks[0].text.text).toBe(':red_circle: ERROR: demo-load');
    for (const expected of ['*Outcome*\\nERROR', '*Duration*\\n4m 12s', '*Step*\\nStep 2 (ERROR)', 'ORA-12541: TNS:no listener', 'Job started.', 'Run demo-load-schedule-nightly-20210519T1600Z', '|Open the execution>']) {
      expect(text).toContain(expected);
    }
    expect(render(slackChannel, completedInput).attachments[0].color).toBe('#1a7f37');
  });

  it('escapes text that Slack would read as a mention or a link', () => {
    // Act
    const text = JSON.stringify(render(slackChannel, erroredInput('<!channel> see <https://evil.example|here>')));

    // Assess
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt;');
  });
});

describe('Channel: teams', () => {
  it.each(cases)('renders an Adaptive Card Teams accepts for $label', ({ input }) => {
    // Act
    const payload = render(teamsChannel, input, CONSOLE);

    // Assess
    expect(teamsProblems(payload)).toEqual([]);
  });

  it('colours the title by severity and lists the facts', () => {
    // Act
    const colours = [erroredInput(), cancelledInput, completedInput].map((input) => render(teamsChannel, input).attachments[0].content.body[0].color);
    const facts = render(teamsChannel, erroredInput()).attachments[0].content.body[2].facts;

    // Assess
    expect(colours).toEqual(['Attention', 'Warning', 'Good']);
    expect(facts).toEqual(expect.arrayContaining([{ title: 'Outcome', value: 'ERROR' }, { title: 'Run', value: 'demo-load-schedule-nightly-20210519T1600Z' }, { title: 'Step', value: 'Step 2 (ERROR)' }]));
  });
});

describe('Channel: webhook', () => {
  it.each([
    [erroredInput(), 'run.failed'],
    [completedInput, 'run.completed'],
    [timedOutInput, 'run.timed_out'],
    [lostInput, 'run.lost'],
    [skippedInput, 'run.skipped'],
    [cancelledInput, 'run.cancelled'],
    [submitFailedInput, 'run.submit_failed'],
  ] as const)('names the event of %# by its outcome', (input, type) => {
    // Act
    const event = render(webhookChannel, input);

    // Assess
    expect(event.type).toBe(type);
    expect(Object.keys(event)).toEqual(['type', 'timestamp', 'data']);
    expect(new Date(event.timestamp).toISOString()).toBe(event.timestamp);
  });

  it('sends flow.recovered for a recovery', () => {
    // Act
    const alert = formatAlert(completedInput, { recovered: { failures: 3, downSince: '2021-05-19T02:00:00.000Z' } });

    // Assess
    expect(JSON.parse(alert.bodies.webhook)).toMatchObject({ type: 'flow.recovered', data: { outcome: 'RECOVERED', runOutcome: 'COMPLETED', recovered: { failures: 3 } } });
    expect(WEBHOOK_EVENT_TYPES['RECOVERED']).toBe('flow.recovered');
  });

  it('masks sensitive parameters by the email rule', () => {
    // Act
    const event = render(webhookChannel, erroredInput(undefined, { parameters: [{ name: 'DB_PASSWORD', type: 'string', value: 'hunter2' }, { name: 'ROWS', type: 'integer', value: 250 }] }));

    // Assess
    expect(event.data.parameters).toEqual([{ name: 'DB_PASSWORD', value: '***' }, { name: 'ROWS', value: '250' }]);
    expect(JSON.stringify(event)).not.toContain('hunter2');
  });
});

describe('Function: formatAlert (masking for the chat and webhook bodies)', () => {
  // A state as a Check that did not mask it would have written it.
  function unmaskedInput(): NotifyInput {
    const base = erroredInput('login failed for password hunter2-Secret! at db1', {
      parameters: [{ name: 'DB_PASSWORD', type: 'string', value: 'hunter2-Secret!' }],
      secretParameters: [{ name: 'API_CREDENTIAL_REF', type: 'string', secretName: 'dataworq/api' }],
    });
    const logTail = [
      '|  DB_PASSWORD         |  STRING  |  "hunter2-Secret!"  |',
      '|  API_CREDENTIAL_REF  |  STRING  |  "from-the-vault"   |',
      '05/19/2021 22:14:12,998 ERROR login failed for password hunter2-Secret!',
      '',
    ].join('\n');
    return { ...base, run: { ...base.run, message: 'DataWORQ said hunter2-Secret!', job: { ...base.run.job!, logTail } } };
  }

  it.each(['slack', 'teams', 'webhook', 'email'] as const)('masks a secret in job.error and job.logTail of a state written unmasked, in the %s body', (key) => {
    // Prepare
    const input = unmaskedInput();

    // Act
    const body = formatAlert(input).bodies[key];

    // Assess
    expect(body).not.toContain('hunter2');
    expect(body).not.toContain('from-the-vault');
    expect(body).toContain('login failed for password ***');
    expect(body).toContain('|  DB_PASSWORD         |  STRING  |  ***');
  });

  it('leaves the secret in no body, subject or attribute of the alert', () => {
    // Act
    const alert = formatAlert(unmaskedInput());

    // Assess
    expect(JSON.stringify(alert)).not.toContain('hunter2');
    expect(JSON.stringify(alert)).not.toContain('from-the-vault');
    expect(alert.bodies.sms).toContain('***');
  });
});

describe('Function: snsMessageBodies (the whole SNS message)', () => {
  it("keeps every channel's body together under SNS's 256 KB, even for the hostile worst case, and its SQS envelope under SQS's", () => {
    // Prepare
    const alert = formatAlert(hostile(), { consoleUrl: CONSOLE, streak: { failures: 12, since: '2021-05-12T02:14:00.000Z' } });

    // Act
    const message = JSON.stringify(snsMessageBodies(alert.bodies));
    const envelope = JSON.stringify({ Type: 'Notification', MessageId: crypto.randomUUID(), Message: JSON.parse(message).sqs, Subject: alert.subject });

    // Assess
    expect(Buffer.byteLength(message)).toBeLessThan(256 * 1024);
    expect(Buffer.byteLength(envelope)).toBeLessThan(256 * 1024);
    for (const key of ['slack', 'teams', 'webhook'] as const) expect(Buffer.byteLength(alert.bodies[key])).toBeLessThan(24 * 1024);
    expect(Object.keys(JSON.parse(message))).toEqual(['default', 'email', 'sms', 'sqs']);
  });
});

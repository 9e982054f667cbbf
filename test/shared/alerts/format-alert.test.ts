import { describe, expect, it } from 'vitest';
import { formatAlert } from '../../../shared/alerts/format-alert.ts';
import {
  RUN_ID,
  SEED_JOB_ID,
  cancelledInput,
  completedInput,
  erroredInput,
  lostInput,
  notifyInput,
  skippedInput,
  submitFailedInput,
  timedOutInput,
} from './notify-inputs.ts';

/** Labelled rows of the email body, e.g. "Job id:" → the value after the padding. */
function emailField(email: string, label: string): string | undefined {
  const line = email.split('\n').find((candidate) => candidate.startsWith(`${label}:`));
  return line?.slice(label.length + 1).trim();
}

describe('Function: formatAlert (email and default bodies)', () => {
  it('lists every field of a COMPLETED run in the email', () => {
    // Act
    const { email } = formatAlert(completedInput).bodies;

    // Assess
    expect(emailField(email, 'Flow')).toBe('demo-load (DataWORQ flow: Demo)');
    expect(emailField(email, 'Outcome')).toBe('COMPLETED');
    expect(emailField(email, 'Job id')).toBe(SEED_JOB_ID);
    expect(emailField(email, 'Run profile')).toBe('default');
    expect(emailField(email, 'Run id')).toBe(RUN_ID);
    expect(emailField(email, 'Trigger')).toBe('schedule nightly at 2021-05-19 16:00:00 UTC');
    expect(emailField(email, 'Started')).toBe('2021-05-19 16:01:56 UTC');
    expect(emailField(email, 'Ended')).toBe('2021-05-19 16:02:06 UTC');
    expect(emailField(email, 'Duration')).toBe('10s');
    expect(emailField(email, 'Step')).toBe('Step 3, completed');
    expect(email).toContain('  SOURCEFILE=C:\\Temp\\retail_unit_demand.csv\n  TABLENAME=DEMO_TABLE');
    expect(email).toContain('Job completed successfully.');
  });

  it('shows the error text, reason, failing step and log tail of an ERROR run', () => {
    // Act
    const { email } = formatAlert(erroredInput('ORA-12541: TNS:no listener\n\tat oracle.net.ns.NSProtocol.connect')).bodies;

    // Assess
    expect(email.split('\n')[1]).toBe('ORA-12541: TNS:no listener at oracle.net.ns.NSProtocol.connect');
    expect(emailField(email, 'Reason')).toBe('DataWORQ reported ERROR');
    expect(emailField(email, 'Step')).toBe('Step 2, error');
    expect(emailField(email, 'Duration')).toBe('4m 12s');
    expect(email).toContain('DataWORQ error:\n  ORA-12541: TNS:no listener\n  \tat oracle.net.ns.NSProtocol.connect');
    expect(email).toMatch(/Log:\n(.*\n)*  .*node\.DatabaseExportNode - node_7954912: ORA-12541: TNS:no listener/);
  });

  it('keeps only the last 40 lines and 4 KB of a long log', () => {
    // Prepare
    const lines = Array.from({ length: 120 }, (_, index) => `05/20/2021 02:13:${String(index % 60).padStart(2, '0')} INFO line ${index + 1}`);
    const input = notifyInput({ job: { jobId: SEED_JOB_ID, executionStatus: 'ERROR', logTail: lines.join('\n'), logTruncatedBytes: 81_920 }, outcome: 'ERROR' });
    const wide = notifyInput({ job: { jobId: SEED_JOB_ID, executionStatus: 'ERROR', logTail: `${'x'.repeat(300)}\n`.repeat(40) }, outcome: 'ERROR' });

    // Act
    const email = formatAlert(input).bodies.email;
    const wideEmail = formatAlert(wide).bodies.email;

    // Assess
    expect(email).toContain('Last 40 lines of the log (earlier lines not shown):');
    expect(email).toContain('INFO line 120\n');
    expect(email).toContain('INFO line 81\n');
    expect(email).not.toContain('INFO line 80\n');
    const wideLog = wideEmail.slice(wideEmail.indexOf('of the log'));
    expect(Buffer.byteLength(wideLog)).toBeLessThan(4096 + 400);
    expect(wideLog.split('\n').filter((line) => line.includes('xxx')).length).toBe(13);
  });

  it('explains a SUBMIT_FAILED run that has no job', () => {
    // Act
    const alert = formatAlert(submitFailedInput);

    // Assess
    const { email } = alert.bodies;
    expect(emailField(email, 'Outcome')).toBe('SUBMIT_FAILED');
    expect(emailField(email, 'Job id')).toBe('none (no job was started in DataWORQ)');
    expect(emailField(email, 'Reason')).toBe('DataWORQ refused the execute request (HTTP 400): Bad Request or Server error');
    expect(emailField(email, 'Run profile')).toBe('default');
    expect(emailField(email, 'Step')).toBeUndefined();
    expect(JSON.stringify(alert)).not.toMatch(/undefined|NaN|null|Invalid Date/);
  });

  it('reports what is known of a LOST run with a partial job', () => {
    // Act
    const alert = formatAlert(lostInput);

    // Assess
    const { email } = alert.bodies;
    expect(emailField(email, 'Outcome')).toBe('LOST');
    expect(emailField(email, 'Job id')).toBe(SEED_JOB_ID);
    expect(emailField(email, 'DataWORQ status')).toBe('RUNNING');
    expect(emailField(email, 'Step')).toBe('Step 3, running');
    expect(emailField(email, 'Reason')).toBe('DataWORQ status unreachable for 15m 0s (since 2021-05-19T16:20:00.000Z)');
    expect(alert.attributes.severity).toBe('critical');
    expect(JSON.stringify(alert)).not.toMatch(/undefined|NaN|Invalid Date/);
  });

  it('says how long a TIMED_OUT run was allowed and where it stood', () => {
    // Act
    const alert = formatAlert(timedOutInput);

    // Assess
    expect(alert.bodies.email.split('\n')[1]).toBe('Still RUNNING after the flow maximum of 1h 0m');
    expect(emailField(alert.bodies.email, 'Step')).toBe('Step 3, running');
    expect(alert.bodies.sms).toBe('DataWORQ demo-load TIMED_OUT 17:01Z: still RUNNING after the flow maximum of 1h 0m (job 2956fdae)');
    expect(alert.attributes).toEqual({ outcome: 'TIMED_OUT', flow: 'demo-load', severity: 'critical' });
  });

  it('marks a SKIPPED run as info and gives the reason', () => {
    // Act
    const alert = formatAlert(skippedInput);

    // Assess
    expect(alert.attributes).toEqual({ outcome: 'SKIPPED', flow: 'demo-load', severity: 'info' });
    expect(emailField(alert.bodies.email, 'Reason')).toContain('54d9d784-e574-4160-9f44-6fb95317fecb of this flow is still RUNNING');
    expect(alert.subject).toBe('[DataWORQ] SKIPPED: demo-load');
  });

  it.each([
    [completedInput, 'info'],
    [cancelledInput, 'warning'],
    [erroredInput(), 'critical'],
    [submitFailedInput, 'critical'],
  ] as const)('sets the severity attribute for %#', (input, severity) => {
    // Act
    const alert = formatAlert(input);

    // Assess
    expect(alert.attributes.severity).toBe(severity);
  });

  it('says how long a flow has been failing when a streak is given', () => {
    // Act
    const alert = formatAlert(erroredInput(), { streak: { failures: 3, since: '2021-05-18T02:14:00.000Z' } });

    // Assess
    expect(alert.bodies.email).toContain('Failing 3 times since 2021-05-18 02:14:00 UTC.');
    expect(alert.bodies.default).toContain('Failing 3 times since 2021-05-18 02:14:00 UTC.');
    expect(alert.bodies.sms).toContain('failing 3 times since 05-18 02:14Z');
    expect(alert.subject).toBe('[DataWORQ] ERROR: demo-load (job 2956fdae), failing 3 times since 05-18 02:14Z');
  });

  it('announces a recovery with the failure count and downtime', () => {
    // Act
    const alert = formatAlert(completedInput, { recovered: { failures: 3, downSince: '2021-05-17T14:02:08.000Z' } });

    // Assess
    expect(alert.attributes).toEqual({ outcome: 'RECOVERED', flow: 'demo-load', severity: 'info' });
    expect(alert.subject).toBe('[DataWORQ] RECOVERED: demo-load (job 2956fdae), back to normal after 3 failures, down for 2d 2h');
    expect(alert.bodies.sms).toBe('DataWORQ demo-load RECOVERED 16:02Z: back to normal after 3 failures, down for 2d 2h (job 2956fdae)');
    expect(emailField(alert.bodies.email, 'Outcome')).toBe('RECOVERED (this run: COMPLETED)');
    expect(alert.bodies.default).toContain('Back to normal after 3 failures, down for 2d 2h');
  });

  it('keeps the default body to the first lines, with the console link', () => {
    // Act
    const alert = formatAlert(erroredInput(), { consoleUrl: 'https://console.aws.amazon.com/states/home#/v2/executions/details/x' });

    // Assess
    expect(alert.bodies.default).toBe(
      [
        `DataWORQ flow demo-load: ERROR (job ${SEED_JOB_ID}), at 2021-05-20 02:14:20 UTC.`,
        'ORA-12541: TNS:no listener',
        'Console: https://console.aws.amazon.com/states/home#/v2/executions/details/x',
      ].join('\n'),
    );
    expect(alert.bodies.email).toContain('Console: https://console.aws.amazon.com/states/home#/v2/executions/details/x');
  });

  it('masks parameter values whose names look like credentials', () => {
    // Prepare
    const input = notifyInput({}, { parameters: [{ name: 'DB_PASSWORD', type: 'string', value: 'hunter2-Secret!' }, { name: 'BATCH', type: 'integer', value: 7 }] });

    // Act
    const alert = formatAlert(input);

    // Assess
    expect(alert.bodies.email).toContain('  DB_PASSWORD=***\n  BATCH=7');
    expect(JSON.stringify(alert)).not.toContain('hunter2');
  });

  it('bounds the whole message far below the SNS limit whatever DataWORQ sent', () => {
    // Prepare
    const huge = 'E'.repeat(2_000_000);
    const input = notifyInput({ job: { jobId: SEED_JOB_ID, executionStatus: 'ERROR', error: huge, logTail: `${huge}\n`.repeat(3) }, outcome: 'ERROR', message: huge });

    // Act
    const alert = formatAlert(input);

    // Assess
    expect(Buffer.byteLength(JSON.stringify(alert.bodies))).toBeLessThan(32 * 1024);
  });
});

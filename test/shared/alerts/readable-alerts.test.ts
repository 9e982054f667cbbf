import { describe, expect, it } from 'vitest';
import { stepText } from '../../../shared/alerts/alert-facts.ts';
import { formatAlert } from '../../../shared/alerts/format-alert.ts';
import { reasonFirst } from '../../../shared/alerts/short-texts.ts';
import { notifyInput } from './notify-inputs.ts';

const REFUSED = 'DataWORQ refused to start the flow: startFlow(2932ca30-8871-48b1-8e9b-90b744020b68): DataWORQ rejected the request (HTTP 400): ORA-00942: table or view DEMO_TABLE_2026 does not exist';

describe('Function: formatAlert › what a person reads first', () => {
  it('puts the reason of a SUBMIT_FAILED first in the SMS, without the call and its flow id', () => {
    // Prepare
    const input = notifyInput({ jobId: undefined, job: undefined, outcome: 'SUBMIT_FAILED', message: REFUSED, endedAt: '2021-05-19T16:01:57.000Z' });

    // Act
    const { bodies } = formatAlert(input);

    // Assess
    expect(bodies.sms).toBe('DataWORQ demo-load SUBMIT_FAILED 16:01Z: DataWORQ refused to start the flow: ORA-00942: table or view DEMO_TABLE_2026 does not exist (HTTP 400)');
    expect(bodies.sms.length).toBeLessThanOrEqual(160);
  });

  it('keeps a flow key as written at the start of a headline sentence', () => {
    // Prepare
    const input = notifyInput({ jobId: undefined, job: undefined, outcome: 'SKIPPED', message: 'demo-load is already running in DataWORQ (job 2956fdae); this trigger was skipped' });

    // Act
    const { bodies } = formatAlert(input);

    // Assess
    expect(bodies.email.split('\n')[1]).toBe('demo-load is already running in DataWORQ (job 2956fdae); this trigger was skipped');
  });

  it('still opens an ordinary sentence with a capital', () => {
    // Prepare
    const input = notifyInput({ jobId: undefined, job: undefined, outcome: 'LOST', message: 'status unreachable for 30m' });

    // Act
    const { bodies } = formatAlert(input);

    // Assess
    expect(bodies.email.split('\n')[1]).toBe('Status unreachable for 30m');
  });
});

describe('Function: stepText', () => {
  it.each([
    ['Step 2 (0 of 1 completed)', undefined, 'Step 2 (0 of 1 parts done)'],
    ['Step 3 (1)', 'COMPLETED', 'Step 3, completed'],
    ['Load sales (2 of 5 completed)', 'RUNNING', 'Load sales (2 of 5 parts done), running'],
    ['Step 3', undefined, 'Step 3'],
  ])('renders DataWORQ\'s %j (%s) as %j', (description, status, expected) => {
    // Act
    const text = stepText(description, status);

    // Assess
    expect(text).toBe(expected);
  });
});

describe('Function: reasonFirst', () => {
  it('leaves a message without a call prefix as it is', () => {
    // Act
    const text = reasonFirst('ORA-12541: TNS:no listener');

    // Assess
    expect(text).toBe('ORA-12541: TNS:no listener');
  });
});

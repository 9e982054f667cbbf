import { describe, expect, it } from 'vitest';
import { executionConsoleUrl } from '../../../../shared/aws/sfn/console-url.ts';

describe('Function: executionConsoleUrl', () => {
  it('links an execution ARN to its page in its region', () => {
    // Prepare
    const arn = 'arn:aws:states:eu-west-1:123456789012:execution:DwqRunFlow:nightly-load--manual-1';

    // Assess
    expect(executionConsoleUrl(arn)).toBe(`https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/v2/executions/details/${arn}`);
  });

  it('gives no link for local mode\'s ids or anything else', () => {
    // Assess
    expect(executionConsoleUrl('local:nightly-load--manual-1')).toBeUndefined();
    expect(executionConsoleUrl('arn:aws:states:eu-west-1:123456789012:stateMachine:DwqRunFlow')).toBeUndefined();
    expect(executionConsoleUrl(undefined)).toBeUndefined();
  });
});

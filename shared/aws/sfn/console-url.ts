/** Where an operator opens a RunFlow execution in the AWS console, for the alert's Console line. */

const CONSOLE_HOSTS: Readonly<Record<string, string>> = {
  aws: 'console.aws.amazon.com',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
  'aws-cn': 'console.amazonaws.cn',
};

/**
 * The console page of the execution `arn:<partition>:states:<region>:<account>:execution:<machine>:<name>`
 * (`$$.Execution.Id`); undefined for anything else, such as local mode's `local:<name>`.
 */
export function executionConsoleUrl(executionArn: string | undefined): string | undefined {
  const parts = executionArn?.split(':') ?? [];
  if (parts.length !== 8 || parts[0] !== 'arn' || parts[2] !== 'states' || parts[5] !== 'execution') return undefined;
  const [, partition = '', , region = ''] = parts;
  const host = CONSOLE_HOSTS[partition];
  if (host === undefined || !/^[a-z0-9-]+$/.test(region)) return undefined;
  return `https://${region}.${host}/states/home?region=${region}#/v2/executions/details/${executionArn}`;
}

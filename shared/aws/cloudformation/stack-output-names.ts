/**
 * The stack outputs the operator commands read (DescribeStacks): one home, used by the stack
 * that writes them (infra/dataworq-stack.ts) and the adapter that reads them (stack-target.ts).
 */
export const OPERATOR_OUTPUTS = {
  stateTableName: 'StateTableName',
  stateMachineArn: 'StateMachineArn',
  operatorPolicyArn: 'OperatorPolicyArn',
} as const;

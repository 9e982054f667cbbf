/**
 * The RunFlow state machine's state names: part of the contract between the definition
 * (infra/constructs/run-flow-definition.ts), local mode, which maps its Task states to the
 * handlers, and the tests. Kept out of the definition so that local mode need not import the CDK.
 */
export const RUN_FLOW_STATES = {
  submit: 'Submit',
  finished: 'Finished?',
  wait: 'Wait',
  check: 'Check',
  notify: 'Notify',
  done: 'Done',
  submitCrashed: 'SubmitCrashed',
  checkCrashed: 'CheckCrashed',
  retry: 'Retry?',
  retryWait: 'RetryWait',
  nextAttempt: 'NextAttempt',
} as const;

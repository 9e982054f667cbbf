/**
 * The CLI's exit codes, one per thing a script must tell apart. `dwq run` and `dwq start --once`
 * exit by the run's outcome; a job that fails in DataWORQ is a non-zero exit, a skipped run is not.
 */
import type { Outcome } from '../../shared/model.ts';

export const EXIT = {
  ok: 0,
  /** Wrong usage, an invalid config or parameter, a missing setting. */
  usage: 1,
  ERROR: 2,
  CANCELLED: 3,
  TIMED_OUT: 4,
  SUBMIT_FAILED: 5,
  LOST: 6,
  /** The run itself failed (no outcome, its alert could not be written, or `start --once` started none). */
  runFailed: 7,
  /** DataWORQ could not be reached, refused the call, or does not know the job. */
  dataworq: 8,
  /** Stopped with Ctrl-C before the run ended. */
  interrupted: 130,
} as const;

const OUTCOME_CODES: Readonly<Record<Outcome, number>> = {
  COMPLETED: EXIT.ok,
  SKIPPED: EXIT.ok,
  ERROR: EXIT.ERROR,
  CANCELLED: EXIT.CANCELLED,
  TIMED_OUT: EXIT.TIMED_OUT,
  SUBMIT_FAILED: EXIT.SUBMIT_FAILED,
  LOST: EXIT.LOST,
};

/** The exit code for a run that ended: its outcome's, unless the execution itself failed. */
export function exitCodeForRun(state: string, outcome: Outcome | undefined): number {
  if (state !== 'SUCCEEDED' || outcome === undefined) return EXIT.runFailed;
  return OUTCOME_CODES[outcome];
}

/** For --help and docs. */
export const EXIT_CODES_HELP = [
  'Exit codes:',
  '  0  COMPLETED or SKIPPED (or the command succeeded)',
  '  1  usage or config error (the message names what to fix)',
  '  2  ERROR      3  CANCELLED      4  TIMED_OUT      5  SUBMIT_FAILED      6  LOST',
  '  7  the run failed on our side (its alert could not be written; start --once: no run started)',
  '  8  DataWORQ unreachable, refused the call, or does not know the job',
  '130  stopped with Ctrl-C before the run ended',
].join('\n');

/** `dwq status`: a finished job exits like a run with that outcome; a job still going exits 0. */
export function exitCodeForJobStatus(status: string | undefined): number {
  if (status === 'ERROR') return EXIT.ERROR;
  if (status === 'CANCELLED') return EXIT.CANCELLED;
  return EXIT.ok;
}

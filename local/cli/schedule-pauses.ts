/**
 * What `dwq schedules` shows of the pause flags: asked of the given target (--local, --stack),
 * else of the dwq start running here when there is one. Without either, pauses are not known
 * and the listing says so rather than failing: the schedules themselves come from the config.
 */
import type { PauseFlag } from '../../shared/ledger/run-record.ts';
import { pauseApplies } from '../../shared/ledger/run-ledger.ts';
import { DwqError } from '../../shared/errors.ts';
import type { Env } from '../runtime/dataworq-connection.ts';
import { readRuntimeFile, runtimeFilePath } from '../runtime/runtime-file.ts';
import { withTarget, type TargetOptions } from './target-option.ts';

export interface KnownPauses {
  readonly where: string;
  readonly flags: readonly PauseFlag[];
}

/** Undefined = not known (no target given, none running here, or the one here did not answer). */
export async function schedulePauses(options: TargetOptions, env: Env): Promise<KnownPauses | undefined> {
  const asked = options.local !== undefined || options.stack !== undefined;
  if (!asked && readRuntimeFile(runtimeFilePath(env)) === undefined) return undefined;
  try {
    return await withTarget(options, env, async (target) => ({ where: target.description, flags: await target.deps.ledger.listPauses() }));
  } catch (error) {
    if (asked || !(error instanceof DwqError)) throw error;
    return undefined;
  }
}

/** The flag pausing this schedule now: the flow's own, else the schedule's. */
export function pauseOf(pauses: KnownPauses | undefined, flow: string, schedule: string, now: Date): PauseFlag | undefined {
  const applying = (pauses?.flags ?? []).filter((flag) => flag.flow === flow && pauseApplies(flag, now));
  return applying.find((flag) => flag.schedule === undefined) ?? applying.find((flag) => flag.schedule === schedule);
}

#!/usr/bin/env node
/**
 * The `dwq` command (package bin; `npm start` = `dwq start`). Exit codes: see exit-codes.ts or
 * `dwq <command> --help`.
 */
import { processIo } from './cli-io.ts';
import { runDwq } from './program.ts';

// `dwq jobs | head`: a reader that stops early is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = await runDwq(process.argv.slice(2), processIo());

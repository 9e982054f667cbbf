#!/usr/bin/env node
/**
 * The `dwq` command (package bin; `npm start` = `dwq start`). Exit codes: see exit-codes.ts or
 * `dwq <command> --help`.
 */
import { processIo } from './cli-io.ts';
import { runDwq } from './program.ts';

process.exitCode = await runDwq(process.argv.slice(2), processIo());

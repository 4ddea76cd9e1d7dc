import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { runCli } from '../src/cli/index';
import type { Terminal } from '../src/cli/init';

const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs one `zhifa` command in this process, as the command would with this process's environment
 * plus `env`; never throws, returns the exit code and output. A `TZ` in `env` applies for the
 * duration of the command (Node re-reads the zone when `process.env.TZ` is assigned), so a test
 * can still run the command in another zone than its own.
 */
export async function zhifa(
  args: string[],
  env: Record<string, string>,
  opts: { terminal?: Terminal | null; inheritEnv?: boolean } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const zone = process.env.TZ;
  if (env.TZ !== undefined) process.env.TZ = env.TZ;
  try {
    const code = await runCli(args, opts.inheritEnv === false ? env : { ...process.env, ...env }, {
      terminal: () => opts.terminal ?? null,
      output: { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) },
    });
    return { code, stdout, stderr };
  } finally {
    if (env.TZ === undefined) {
      // untouched
    } else if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
}

/**
 * The `zhifa` command as a program, for tests about the process itself (signals, crashes, a real
 * terminal, what `serve` prints): the compiled build made once per run by test/dist-setup.ts.
 */
export function zhifaCommand(): [string, string] {
  return [process.execPath, path.join(inject('zhifaDist'), 'cli.js')];
}

/** The environment of a `zhifa` process: this process's, the workbench of this checkout, `env`. */
export function processEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return { ...process.env, ZHIFA_WEB_DIST: path.resolve(import.meta.dirname, '../web/dist'), ...env };
}

/** Runs the `zhifa` program in its own process; never throws, returns the exit code and output. */
export async function zhifaProcess(args: string[], env: Record<string, string>): Promise<CliResult> {
  const [node, cli] = zhifaCommand();
  try {
    const r = await run(node, [cli, ...args], { env: processEnv(env) });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding, ScanSummary } from '../../src/types.js';

/** The repository root, and the built binary the tests run (`npm test` builds it first). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'secretguard.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The report `--format json` writes (src/reporters/json.ts): a public interface. */
export interface JsonReport {
  version: 1;
  findings: Finding[];
  summary: ScanSummary;
}

export interface CliOptions {
  cwd?: string;
  /** Added to the environment; `undefined` removes a variable. NO_COLOR and FORCE_COLOR start unset. */
  env?: Record<string, string | undefined>;
  input?: string;
}

/** This process's environment for a CLI child: NO_COLOR and FORCE_COLOR unset, then `extra` applied (`undefined` removes). */
export function cliEnvironment(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Run `node bin/secretguard.js ...args` with pipes (so never a TTY). */
export function runCli(args: readonly string[], options: CliOptions = {}): CliResult {
  const env = cliEnvironment(options.env);
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** An ANSI escape sequence (colour, bold, underline…). */
export const ANSI = /\u001b\[[0-9;]*m/;

/** `runCli` without blocking, so that independent runs can overlap. */
export function runCliAsync(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const env = cliEnvironment(options.env);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env, timeout: 20_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

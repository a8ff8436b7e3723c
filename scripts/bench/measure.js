// Running commands: wall time, exit code and peak RSS of one run of one row.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PROBE = fileURLToPath(new URL('./rss-probe.js', import.meta.url));
const KEEP_OUTPUT = 64 * 1024;

/** GNU time, when present and working: `-f %M` gives a whole process's peak RSS in KiB. */
export function findTime() {
  const bin = '/usr/bin/time';
  if (!existsSync(bin)) return undefined;
  const probe = spawnSync(bin, ['-f', '%M', 'true'], { encoding: 'utf8' });
  return probe.status === 0 && /^\d+\s*$/m.test(probe.stderr) ? bin : undefined;
}

let counter = 0;

/**
 * Run `row` once. Rows: { cmd, args, cwd?, env?, node? (a Node process: the RSS probe can be
 * preloaded), stdout?: 'ignore' | 'keep' (whole stdout returned) }.
 * Resolves { ms, code, signal, rssKb, stdout, stderr } — never rejects on a non-zero exit.
 */
export function runOnce(row, { timeBin } = {}) {
  const rssFile = join(tmpdir(), `secretguard-bench-${process.pid}-${counter++}.rss`);
  let cmd = row.cmd;
  let args = row.args ?? [];
  const env = { ...process.env, ...row.env };
  if (timeBin) {
    args = ['-f', '%M', '-o', rssFile, cmd, ...args];
    cmd = timeBin;
  } else if (row.node) {
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --import=${pathToFileURL(PROBE).href}`.trim();
    env.SECRETGUARD_BENCH_RSS = rssFile;
  }
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { cwd: row.cwd, env, stdio: ['ignore', row.stdout === 'ignore' ? 'ignore' : 'pipe', 'pipe'] });
    const out = [];
    let outBytes = 0;
    const err = [];
    child.stdout?.on('data', (chunk) => {
      if (row.stdout === 'keep' || outBytes < KEEP_OUTPUT) out.push(chunk);
      outBytes += chunk.length;
    });
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = performance.now() - started;
      let rssKb;
      try {
        const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
        const value = Number(lines[lines.length - 1]);
        if (Number.isFinite(value) && value > 0) rssKb = value;
      } catch {
        // no RSS for this command
      }
      rmSync(rssFile, { force: true });
      resolve({ ms, code, signal, rssKb, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * For rows that exit 1 because keys are planted: Node exits 1 on an uncaught error too (say, a
 * chunk of dist/ missing while it is rebuilt), so a run counts only when it printed findings.
 */
export function printsFindings(result) {
  if (result.stdout.trim() !== '') return undefined;
  return 'exited 1 without printing a finding: it crashed (is dist/ being rebuilt?)';
}

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import * as core from '@actions/core';
import { scan, scanCommits, severityRank, type GitScanOptions, type ScanResult } from '../../src/index.js';
import { loadProject, scanOptionsOf } from '../../src/config/project.js';
import { VERSION } from '../../src/cli/version.js';
import { planScan, type Plan } from './event.js';
import { branchBase, ensureFullHistory, ensureParent, ensureRange } from './fetch-history.js';
import { readInputs } from './inputs.js';
import { redactText } from '../../src/engine/redact-text.js';
import { annotate, writeJobSummary, writeSarif } from './publish.js';

/** The GitHub glue around the library: decide the range, scan it, annotate, summarise, fail. */
async function main(): Promise<void> {
  let exitCode = 2;
  try {
    const inputs = readInputs();
    const cwd = resolve(inputs.workingDirectory);
    const settings = await loadProject({ from: cwd, configPath: inputs.config && resolve(cwd, inputs.config) });
    const options = scanOptionsOf(settings);
    const payload = process.env.GITHUB_EVENT_PATH ? JSON.parse(await readFile(process.env.GITHUB_EVENT_PATH, 'utf8')) : {};
    const plan = planScan(inputs.mode, process.env.GITHUB_EVENT_NAME ?? '', payload, inputs);
    const { result, scope } = await execute(plan, cwd, options);

    if (inputs.annotate) annotate(result.findings);
    await writeJobSummary(result, scope);
    if (inputs.sarif) {
      await writeSarif(result, inputs.sarif, VERSION);
      core.setOutput('sarif', inputs.sarif);
    }
    const failing = result.findings.filter((f) => severityRank(f.severity) >= severityRank(inputs.failOn));
    core.setOutput('findings', result.findings.length);
    exitCode = failing.length > 0 ? 1 : 0;
    core.info(`secretguard: ${result.findings.length} finding(s) in ${scope}; ${failing.length} at or above ${inputs.failOn}`);
    if (failing.length > 0) core.setFailed(`secretguard found ${failing.length} secret(s) at or above ${inputs.failOn} severity in ${scope}`);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    core.setFailed(`secretguard: ${redactText(message)}`);
  }
  core.setOutput('exit-code', exitCode);
}

async function execute(plan: Plan, cwd: string, options: GitScanOptions): Promise<{ result: ScanResult; scope: string }> {
  const log = (line: string) => core.info(line);
  switch (plan.kind) {
    case 'full':
      return { result: await scan({ ...options, path: cwd }), scope: `the checked-out files (${plan.why})` };
    case 'history':
      await ensureFullHistory(cwd);
      return { result: await scanCommits({ history: true }, { ...options, cwd }), scope: 'the whole history' };
    case 'range':
      await ensureRange(plan.base, plan.head, cwd, log);
      return {
        result: await scanCommits({ range: `${plan.base}..${plan.head}` }, { ...options, cwd }),
        scope: `commits ${plan.base.slice(0, 12)}..${plan.head.slice(0, 12)} (${plan.why})`,
      };
    case 'branch': {
      const base = await branchBase(plan.head, plan.defaultBranch, cwd);
      if (base) {
        return { result: await scanCommits({ range: `${base}..${plan.head}` }, { ...options, cwd }), scope: `commits not on ${plan.defaultBranch} (${plan.why})` };
      }
      await ensureParent(plan.head, cwd);
      return { result: await scanCommits({ range: `${plan.head}^!` }, { ...options, cwd }), scope: `commit ${plan.head.slice(0, 12)} (${plan.why})` };
    }
  }
}

await main();

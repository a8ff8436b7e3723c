import * as core from '@actions/core';
import { SEVERITIES, type Severity } from '../../src/types.js';
import type { Mode } from './event.js';

export interface Inputs {
  mode: Mode;
  base?: string;
  head?: string;
  config?: string;
  failOn: Severity;
  sarif?: string;
  annotate: boolean;
  workingDirectory: string;
}

const MODES: readonly Mode[] = ['auto', 'diff', 'full', 'history'];

export function readInputs(): Inputs {
  const mode = (core.getInput('mode') || 'auto') as Mode;
  if (!MODES.includes(mode)) throw new Error(`input mode must be one of ${MODES.join(', ')} (got ${JSON.stringify(mode)})`);
  const failOn = (core.getInput('fail-on') || 'high') as Severity;
  if (!SEVERITIES.includes(failOn)) throw new Error(`input fail-on must be one of ${SEVERITIES.join(', ')} (got ${JSON.stringify(failOn)})`);
  const annotate = core.getInput('annotate') || 'true';
  if (annotate !== 'true' && annotate !== 'false') throw new Error(`input annotate must be true or false (got ${JSON.stringify(annotate)})`);
  return {
    mode,
    base: core.getInput('base') || undefined,
    head: core.getInput('head') || undefined,
    config: core.getInput('config') || undefined,
    failOn,
    sarif: core.getInput('sarif') || undefined,
    annotate: annotate === 'true',
    workingDirectory: core.getInput('working-directory') || process.env.GITHUB_WORKSPACE || process.cwd(),
  };
}

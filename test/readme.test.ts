import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../src/rules/index.js';
// @ts-expect-error plain JS build script
import { withReference } from '../scripts/docs.js';
import { fileChecks, projectChecks } from '../src/checks/index.js';
import { ROOT } from './helpers/cli.js';

const readme = readFileSync(`${ROOT}/README.md`, 'utf8');

describe('README', () => {
  it('documents every rule and check, generated from them (npm run docs)', () => {
    const checks = [...projectChecks, ...fileChecks];
    expect(withReference(readme, builtinRules, checks)).toBe(readme);
    for (const item of [...builtinRules, ...checks]) expect(readme).toContain(`<a id="${item.id}"></a>`);
  });

  it('gives exactly the two quick-start commands that .ci/run and a new user rely on', () => {
    const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('In your own project'));
    const commands = [...quickStart.matchAll(/```sh\n([^`]+)```/g)].map((m) => m[1]!.trim());
    expect(commands).toEqual(['npm ci && npm run demo', 'npm ci && npm test']);
    expect(readFileSync(`${ROOT}/.ci/run`, 'utf8')).toContain('npm test');
  });
});

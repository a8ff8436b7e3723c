import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinRules } from '../src/rules/index.js';
// @ts-expect-error plain JS build script
import { withRules } from '../scripts/docs.js';
import { ROOT } from './helpers/cli.js';

const readme = readFileSync(`${ROOT}/README.md`, 'utf8');

describe('README', () => {
  it('documents every rule, generated from the rules themselves (npm run docs)', () => {
    expect(withRules(readme, builtinRules)).toBe(readme);
    for (const rule of builtinRules) expect(readme).toContain(`<a id="${rule.id}"></a>`);
  });

  it('gives exactly the two quick-start commands that .ci/run and a new user rely on', () => {
    const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('In your own project'));
    const commands = [...quickStart.matchAll(/```sh\n([^`]+)```/g)].map((m) => m[1]!.trim());
    expect(commands).toEqual(['npm ci && npm run demo', 'npm ci && npm test']);
    expect(readFileSync(`${ROOT}/.ci/run`, 'utf8')).toContain('npm test');
  });
});

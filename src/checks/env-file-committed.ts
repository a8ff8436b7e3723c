import { builtinRules } from '../rules/index.js';
import type { Severity } from '../types.js';
import type { CheckHit, FileCheck } from './check.js';
import { parseEnvFile } from './env-file.js';
import { valueKind } from './names.js';
import { basename, isEnvFile, isEnvLocal, isEnvTemplate } from './paths.js';

/**
 * An env file with real values in the scan. The scan only sees tracked, staged and
 * untracked-but-not-ignored files, so an `.env.local` that `.gitignore` covers never gets here.
 *
 * - `.env*.local` at all: critical (by convention it holds each developer's real keys);
 * - `.env`, `.env.production`, `.env.development` …: high when a value is a secret by the rules
 *   (medium when every such secret is a test key, by the rules' own severities);
 * - templates (`.env.example`, `.env.sample`, `.env.template` …) are committed on purpose: a real
 *   key in one is still reported by the detection rules themselves.
 */

const ruleSeverity = new Map<string, Severity>(builtinRules.map((rule) => [rule.id, rule.severity]));

export const envFileCommitted: FileCheck = {
  kind: 'file',
  id: 'env-file-committed',
  provider: 'Git',
  title: 'Env file with real values committed',
  severity: 'high',
  fix: 'untrack it with `git rm --cached <file>`, add it to .gitignore (`.env*.local`), commit the template `.env.example` instead, and rotate every key it held: they are in Git history',
  appliesTo(path) {
    return isEnvFile(path) && !isEnvTemplate(path);
  },
  run(path, text, context) {
    const name = basename(path);
    const entries = parseEnvFile(text);
    if (isEnvLocal(path)) {
      const first = entries[0];
      return [
        {
          start: first?.nameStart ?? 0,
          end: first?.nameEnd ?? 0,
          key: path,
          // The snippet shows this line: its value, whatever it is, is masked as a secret.
          ...(first?.value ? { secret: first.value } : {}),
          severity: 'critical',
          message: `${name} is in the repository: .env*.local files hold each developer's real keys and must never be committed`,
          fix: `run \`git rm --cached ${path}\`, add \`.env*.local\` to .gitignore, and rotate every key in ${name}: they are in Git history`,
        },
      ];
    }
    const secrets: string[] = [];
    let start = 0;
    let end = 0;
    let firstValue = '';
    let onlyTestKeys = true;
    for (const entry of entries) {
      if (valueKind(entry.value, entry.name, context) !== 'secret') continue;
      if (secrets.length === 0) [start, end, firstValue] = [entry.nameStart, entry.nameEnd, entry.value];
      secrets.push(entry.name);
      const severity = ruleSeverity.get(context.classify(entry.value.trim()).ruleId ?? '') ?? 'high';
      if (severity === 'critical' || severity === 'high') onlyTestKeys = false;
    }
    if (secrets.length === 0) return [];
    const shown = secrets.length > 4 ? `${secrets.slice(0, 4).join(', ')} and ${secrets.length - 4} more` : secrets.join(', ');
    const hit: CheckHit = {
      start,
      end,
      key: path,
      secret: firstValue,
      message: `${name} is committed with real secrets (${shown}): env files with values belong in .env.local or your host's settings`,
      fix: `run \`git rm --cached ${path}\`, add \`${name}\` to .gitignore, keep placeholders in .env.example, and rotate ${secrets.length === 1 ? 'the key' : 'the keys'}: ${secrets.length === 1 ? 'it is' : 'they are'} in Git history`,
    };
    if (onlyTestKeys) hit.severity = 'medium';
    return [hit];
  },
};

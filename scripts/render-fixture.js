// Renders a fixture template (fixtures/<name>/) into a real folder, planting freshly generated fake
// secrets. The repository holds only `{{secret:RULE_ID}}` slots: see fixtures/README.md.
//
//   node scripts/render-fixture.js fixtures/next-app /tmp/acme   (prints where each secret went, redacted)
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtinRules } from '../dist/index.js';

const SLOT = /\{\{secret:([^{}]*)\}\}/g;
const rulesById = new Map(builtinRules.map((rule) => [rule.id, rule]));

/** Template file name to rendered file name: a leading `_` becomes `.` (`_gitignore` → `.gitignore`). */
export function renderedName(name) {
  return name.startsWith('_') ? '.' + name.slice(1) : name;
}

/** A fresh fake secret of `ruleId`'s shape: the first valid sample of the rule. */
export function fakeSecret(ruleId, where = 'fixture') {
  const rule = rulesById.get(ruleId);
  if (!rule) throw new Error(`${where}: unknown rule id in slot {{secret:${ruleId}}}`);
  const [sample] = rule.samples.valid();
  if (!sample) throw new Error(`${where}: rule ${ruleId} has no valid sample`);
  return sample.secret;
}

/** Fill every `{{secret:RULE_ID}}` slot of `text`; each slot gets its own fresh secret. */
export function fillSlots(text, file) {
  const secrets = [];
  const out = text.replace(SLOT, (_slot, ruleId) => {
    const secret = fakeSecret(ruleId, file);
    secrets.push({ ruleId, secret, file });
    return secret;
  });
  if (out.includes('{{secret:')) throw new Error(`${file}: malformed {{secret:…}} slot`);
  return { text: out, secrets };
}

/**
 * Copy `templateDir` into `outDir` (created if missing), renaming `_name` files to `.name` and
 * filling every slot. Returns the planted secrets with `file` relative to `outDir` (POSIX), in
 * file order then position order, so that tests can check each one is found and never printed.
 */
export function renderFixture(templateDir, outDir) {
  const secrets = [];
  const walk = (fromDir, toDir, relDir) => {
    mkdirSync(toDir, { recursive: true });
    for (const entry of readdirSync(fromDir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const name = renderedName(entry.name);
      const rel = relDir ? posix.join(relDir, name) : name;
      const from = join(fromDir, entry.name);
      const to = join(toDir, name);
      if (entry.isDirectory()) {
        walk(from, to, rel);
      } else if (entry.isFile()) {
        const content = readFileSync(from);
        if (content.includes(0)) {
          writeFileSync(to, content); // binary: copied as is
          continue;
        }
        const filled = fillSlots(content.toString('utf8'), rel);
        writeFileSync(to, filled.text);
        secrets.push(...filled.secrets);
      } else {
        throw new Error(`${posix.join(relDir, entry.name)}: only files and folders are allowed in a template`);
      }
    }
  };
  walk(resolve(templateDir), resolve(outDir), '');
  return { outDir: resolve(outDir), secrets };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [templateDir, outDir] = process.argv.slice(2);
  if (!templateDir || !outDir) {
    process.stderr.write('usage: node scripts/render-fixture.js <template-dir> <out-dir>\n');
    process.exit(2);
  }
  try {
    const result = renderFixture(templateDir, outDir);
    process.stdout.write(`rendered ${templateDir} into ${result.outDir}\n`);
    for (const { ruleId, secret, file } of result.secrets) {
      process.stdout.write(`  ${file}: ${ruleId} (${secret.length} characters, ends …${secret.slice(-4)})\n`);
    }
  } catch (error) {
    process.stderr.write(`render-fixture: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}

// Generators of realistic file contents. Each takes a seeded random source and a size in bytes and
// returns the file as an array of lines (so that a key can be planted on a known line).

import { ADJECTIVES, NOUNS, PACKAGES, PROSE, TAILWIND, VERBS } from './words.js';

const HEX = '0123456789abcdef';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const cap = (word) => word[0].toUpperCase() + word.slice(1);
const noun = (r) => r.pick(NOUNS);
const camel = (r, parts = 2) => {
  let out = r.chance(0.5) ? r.pick(VERBS) : r.pick(ADJECTIVES);
  for (let i = 1; i < parts; i++) out += cap(noun(r));
  return out;
};
const pascal = (r) => cap(r.chance(0.4) ? r.pick(ADJECTIVES) : noun(r)) + cap(noun(r));
const kebab = (r) => `${r.chance(0.5) ? r.pick(ADJECTIVES) + '-' : ''}${noun(r)}`;
const snake = (r) => `${noun(r)}_${noun(r)}`.toUpperCase();

// Generated code must parse: no keyword as a name, and no name declared twice in one file.
const KEYWORDS = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof let new null return static super switch this throw true try typeof var void while with yield await').split(' '),
);
/** A noun that can name a parameter or variable: not a keyword, nor a name the snippets use themselves. */
const local = (r) => {
  let name = noun(r);
  while (KEYWORDS.has(name) || name === 'response' || name === 'total') name = noun(r);
  return name;
};
/** `name`, or while the file already declares it, another from `draw`; recorded in `names` (a file's top-level names). */
function declare(names, name, draw) {
  while (names.has(name)) name = draw();
  names.add(name);
  return name;
}

/**
 * Where a top-level block (a declaration, an inserted line) can go in generated code: after a blank
 * line, but not one between a class's members (those are followed by an indented line).
 */
export function blockBoundaries(lines) {
  const out = [];
  for (let i = 0; i < lines.length; i++) if (lines[i] === '' && !/^\s/.test(lines[i + 1] ?? '')) out.push(i + 1);
  return out;
}

function sentence(r, min = 6, max = 18) {
  const n = r.range(min, max);
  const words = [];
  for (let i = 0; i < n; i++) {
    const roll = r.next();
    words.push(roll < 0.45 ? r.pick(PROSE) : roll < 0.8 ? noun(r) : roll < 0.92 ? r.pick(VERBS) : r.pick(ADJECTIVES));
  }
  words[0] = cap(words[0]);
  return words.join(' ') + '.';
}

const uuid = (r) => `${r.string(HEX, 8)}-${r.string(HEX, 4)}-4${r.string(HEX, 3)}-a${r.string(HEX, 3)}-${r.string(HEX, 12)}`;
const isoDate = (r) => new Date(Date.UTC(2023, 0, 1) + r.int(730 * 86400) * 1000).toISOString();
const semver = (r) => `${r.int(12)}.${r.int(30)}.${r.int(20)}`;

/** Fill `lines` by calling `block` until the text reaches `bytes`. */
function fill(lines, bytes, block) {
  let size = lines.reduce((n, l) => n + l.length + 1, 0);
  while (size < bytes) {
    const added = block();
    for (const line of added) {
      lines.push(line);
      size += line.length + 1;
    }
  }
  return lines;
}

function tsImports(r, jsx, names) {
  const lines = [];
  const c = () => declare(names, camel(r), () => camel(r));
  const P = () => declare(names, pascal(r), () => pascal(r));
  if (jsx && r.chance(0.5)) lines.push("'use client';", '');
  if (jsx) {
    const hooks = r.chance(0.5) ? ['useState', 'useEffect'] : ['useMemo', 'useCallback'];
    for (const hook of hooks) names.add(hook);
    lines.push(`import { ${hooks.join(', ')} } from 'react';`);
  }
  const n = r.range(1, 6);
  for (let i = 0; i < n; i++) {
    const roll = r.next();
    if (roll < 0.35) lines.push(`import { ${c()}, ${c()} } from '${r.pick(PACKAGES)}';`);
    else if (roll < 0.7) lines.push(`import { ${P()} } from '@/${r.pick(['lib', 'components', 'hooks', 'server'])}/${kebab(r)}';`);
    else lines.push(`import type { ${P()}, ${P()} } from '../${r.pick(['types', 'models', 'api'])}/${kebab(r)}.js';`);
  }
  lines.push('');
  return lines;
}

/** One top-level block of code; `names` holds the file's top-level names so far (and gets this block's). */
function tsBlock(r, typed, names = new Set()) {
  const t = (type) => (typed ? `: ${type}` : '');
  const T = pascal(r);
  const fn = camel(r);
  const arg = local(r);
  const field = camel(r);
  const fnName = () => declare(names, fn, () => camel(r));
  switch (r.int(7)) {
    case 0:
      if (!typed) return [`export const ${declare(names, snake(r), () => snake(r))} = ${r.range(1, 5000)};`, ''];
      return [
        `/** ${sentence(r)} */`,
        `export interface ${declare(names, T, () => pascal(r))} {`,
        ...Array.from({ length: r.range(2, 9) }, () => `  ${camel(r)}${r.chance(0.3) ? '?' : ''}: ${r.pick(['string', 'number', 'boolean', 'Date', `${pascal(r)}[]`, `Record<string, ${pascal(r)}>`, "'active' | 'archived'"])};`),
        '}',
        '',
      ];
    case 1:
      return [
        '/**',
        ` * ${sentence(r)}`,
        ` * ${sentence(r)}`,
        ' */',
        `export async function ${fnName()}(${arg}${t(T)}, options${t(`${pascal(r)}Options`)} = {})${t(`Promise<${T}[]>`)} {`,
        `  const response = await fetch(\`/api/v1/${noun(r)}s/\${${arg}.id}?limit=\${options.limit ?? ${r.range(10, 100)}}\`, {`,
        `    method: '${r.pick(['GET', 'POST', 'PATCH', 'DELETE'])}',`,
        `    headers: { 'content-type': 'application/json' },`,
        '  });',
        '  if (!response.ok) {',
        `    throw new Error(\`${r.pick(VERBS)} ${noun(r)} failed: \${response.status}\`);`,
        '  }',
        `  const data = (await response.json())${typed ? ` as { items: ${T}[] }` : ''};`,
        `  return data.items.filter((item) => item.${field} !== undefined);`,
        '}',
        '',
      ];
    case 2:
      return [
        `export function ${fnName()}(${arg}s${t(`readonly ${T}[]`)}, ${field}${t('string')})${t('number')} {`,
        '  let total = 0;',
        `  for (const ${arg} of ${arg}s) {`,
        `    if (${arg}.${camel(r)} === ${field}) continue;`,
        `    total += ${arg}.${camel(r)} ?? ${r.range(0, 9)};`,
        '  }',
        `  return Math.round(total * ${r.range(2, 100)}) / ${r.range(2, 100)};`,
        '}',
        '',
      ];
    case 3:
      return [
        `export const ${declare(names, `${camel(r)}Schema`, () => `${camel(r)}Schema`)} = z.object({`,
        ...Array.from({ length: r.range(2, 8) }, () => `  ${camel(r)}: z.${r.pick(['string().min(1)', 'number().int()', 'boolean()', 'string().email()', 'string().uuid()', 'date()'])}${r.chance(0.3) ? '.optional()' : ''},`),
        '});',
        '',
      ];
    case 4:
      return [
        `// ${sentence(r)}`,
        `export class ${declare(names, `${T}${r.chance(0.3) ? 'Service' : 'Store'}`, () => `${pascal(r)}Store`)} {`,
        `  private readonly ${camel(r)} = new Map${typed ? `<string, ${pascal(r)}>` : ''}();`,
        '',
        `  constructor(private readonly ${noun(r)}Client${t(pascal(r))}) {}`,
        '',
        `  async ${fn}(id${t('string')})${t('Promise<void>')} {`,
        `    const ${arg} = await this.${noun(r)}Client.get(id);`,
        `    if (!${arg}) return;`,
        `    console.info('${r.pick(VERBS)} ${noun(r)}', { id, ${field}: ${arg}.${field} });`,
        '  }',
        '}',
        '',
      ];
    case 5:
      return [
        `const ${declare(names, snake(r), () => snake(r))} = process.env.${snake(r)} ?? '${kebab(r)}';`,
        `const ${declare(names, camel(r), () => camel(r))} = [${Array.from({ length: r.range(2, 6) }, () => `'${kebab(r)}'`).join(', ')}]${typed ? ' as const' : ''};`,
        '',
      ];
    default:
      return [
        `export const ${fnName()} = (${arg}${t(T)})${t('string')} =>`,
        `  \`${r.pick(VERBS)}-\${${arg}.${field}}-\${${arg}.${camel(r)}.toString(${r.pick([16, 36])})}\`;`,
        '',
      ];
  }
}

function jsxBlock(r, names) {
  const C = declare(names, pascal(r), () => pascal(r));
  const cls = () => Array.from({ length: r.range(2, 7) }, () => r.pick(TAILWIND)).join(' ');
  const p = local(r);
  const stateAndSetter = () => {
    const state = camel(r);
    let setter = `set${cap(noun(r))}`;
    while (setter === state) setter = `set${cap(noun(r))}`;
    return `${state}, ${setter}`;
  };
  return [
    `export function ${C}({ ${p}, on${cap(r.pick(VERBS))} }: ${C}Props) {`,
    `  const [${stateAndSetter()}] = useState(${r.pick(['false', 'null', '0', "''"])});`,
    '  return (',
    `    <div className="${cls()}">`,
    `      <h2 className="${cls()}">{${p}.${camel(r)}}</h2>`,
    `      <p className="${cls()}">${sentence(r, 4, 10)}</p>`,
    `      <ul className="${cls()}">`,
    `        {${p}.items.map((item) => (`,
    `          <li key={item.id} className="${cls()}">`,
    `            <span>{item.${camel(r)}}</span>`,
    '          </li>',
    '        ))}',
    '      </ul>',
    `      <button type="button" className="${cls()}" onClick={() => on${cap(r.pick(VERBS))}?.(${p}.id)}>`,
    `        ${cap(r.pick(VERBS))} ${noun(r)}`,
    '      </button>',
    '    </div>',
    '  );',
    '}',
    '',
  ];
}

/** A TypeScript (or TSX) module; `taken`: names it must not declare (those of code it will be merged into). */
export function typescript(r, bytes, { jsx = false, taken = [] } = {}) {
  const names = new Set(taken);
  return fill(tsImports(r, jsx, names), bytes, () => (jsx && r.chance(0.5) ? jsxBlock(r, names) : tsBlock(r, true, names)));
}

export function javascript(r, bytes, { taken = [] } = {}) {
  const names = new Set([...taken, 'path']);
  const head = r.chance(0.5)
    ? [`import { ${declare(names, camel(r), () => camel(r))} } from '${r.pick(PACKAGES)}';`, `import path from 'node:path';`, '']
    : [`'use strict';`, `const { ${declare(names, camel(r), () => camel(r))} } = require('${r.pick(PACKAGES)}');`, ''];
  return fill(head, bytes, () => tsBlock(r, false, names));
}

export function json(r, bytes) {
  const lines = ['{'];
  const kind = r.int(3);
  let size = 2;
  const push = (text) => {
    lines.push(text);
    size += text.length + 1;
  };
  if (kind === 0) {
    // Locale messages.
    while (size < bytes) {
      push(`  "${noun(r)}.${camel(r)}.${r.pick(['title', 'label', 'description', 'error', 'empty'])}": "${sentence(r, 3, 12).replace(/"/g, '')}",`);
    }
  } else {
    // Fixture records.
    push(`  "${noun(r)}s": [`);
    while (size < bytes) {
      push('    {');
      push(`      "id": "${uuid(r)}",`);
      push(`      "${camel(r)}": "${kebab(r)}",`);
      push(`      "email": "${noun(r)}.${noun(r)}@example.com",`);
      push(`      "createdAt": "${isoDate(r)}",`);
      push(`      "amount": ${r.range(0, 100000)},`);
      push(`      "status": "${r.pick(['active', 'pending', 'canceled', 'past_due', 'trialing'])}"`);
      push('    },');
    }
    lines[lines.length - 1] = '    }';
    push('  ],');
  }
  lines[lines.length - 1] = lines[lines.length - 1].replace(/,$/, '');
  lines.push('}');
  return lines;
}

export function markdown(r, bytes) {
  const lines = [`# ${cap(noun(r))} ${noun(r)}`, '', sentence(r, 10, 24), ''];
  return fill(lines, bytes, () => {
    switch (r.int(5)) {
      case 0:
        return [`## ${cap(r.pick(VERBS))} the ${noun(r)}`, '', `${sentence(r)} ${sentence(r)} ${sentence(r)}`, ''];
      case 1:
        return [...Array.from({ length: r.range(2, 6) }, () => `- ${sentence(r, 4, 12)}`), ''];
      case 2:
        return ['```ts', ...tsBlock(r, true).filter(Boolean), '```', ''];
      case 3:
        return [
          `| ${cap(noun(r))} | ${cap(noun(r))} | Default |`,
          '| --- | --- | --- |',
          ...Array.from({ length: r.range(2, 6) }, () => `| \`${camel(r)}\` | ${sentence(r, 3, 8)} | \`${r.range(0, 100)}\` |`),
          '',
        ];
      default:
        return [`${sentence(r)} See [${noun(r)}](./${kebab(r)}.md) and \`${camel(r)}()\`. ${sentence(r)}`, ''];
    }
  });
}

export function css(r, bytes) {
  return fill([], bytes, () => [
    `.${kebab(r)}-${noun(r)} {`,
    ...Array.from({ length: r.range(2, 6) }, () => `  ${r.pick(['display', 'padding', 'margin', 'color', 'gap', 'border-radius', 'font-size'])}: ${r.pick(['flex', '0.5rem', '1rem 2rem', '#1f2937', 'var(--accent)', '4px', '0.875rem'])};`),
    '}',
    '',
  ]);
}

export function yaml(r, bytes) {
  const lines = [`name: ${noun(r)}-${r.pick(['ci', 'deploy', 'release', 'nightly'])}`, 'on:', '  push:', '    branches: [main]', '  pull_request:', 'jobs:'];
  return fill(lines, bytes, () => [
    `  ${kebab(r)}:`,
    '    runs-on: ubuntu-latest',
    '    env:',
    `      NODE_ENV: ${r.pick(['test', 'production'])}`,
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: actions/setup-node@v4',
    '        with:',
    `          node-version: ${r.pick([20, 22])}`,
    `      - run: npm ci && npm run ${r.pick(['test', 'build', 'lint', 'typecheck'])}`,
  ]);
}

/** A package-lock.json (lockfileVersion 3) of about `bytes`. */
export function lockfile(r, bytes) {
  const lines = ['{', '  "name": "acme-monorepo",', '  "version": "1.0.0",', '  "lockfileVersion": 3,', '  "requires": true,', '  "packages": {'];
  lines.push('    "": {', '      "name": "acme-monorepo",', '      "version": "1.0.0",', '      "workspaces": ["apps/*", "packages/*"]', '    },');
  let size = lines.reduce((n, l) => n + l.length + 1, 0);
  let i = 0;
  while (size < bytes) {
    const base = r.chance(0.7) ? r.pick(PACKAGES) : `${r.chance(0.3) ? `@${noun(r)}/` : ''}${kebab(r)}`;
    const name = `${base}${i > PACKAGES.length ? `-${i.toString(36)}` : ''}`;
    const path = r.chance(0.15) ? `node_modules/${r.pick(PACKAGES)}/node_modules/${name}` : `node_modules/${name}`;
    const version = semver(r);
    const entry = [
      `    "${path}": {`,
      `      "version": "${version}",`,
      `      "resolved": "https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz",`,
      `      "integrity": "sha512-${r.string(BASE64, 86)}==",`,
    ];
    if (r.chance(0.3)) entry.push('      "dev": true,');
    if (r.chance(0.5)) {
      entry.push('      "dependencies": {');
      const deps = Array.from({ length: r.range(1, 5) }, () => `        "${r.pick(PACKAGES)}": "^${semver(r)}"`);
      entry.push(deps.join(',\n'), '      },');
    }
    if (r.chance(0.3)) entry.push('      "engines": {', `        "node": ">=${r.pick([12, 14, 16, 18])}"`, '      },');
    entry.push(`      "license": "${r.pick(['MIT', 'ISC', 'Apache-2.0', 'BSD-3-Clause'])}"`, '    },');
    for (const line of entry) {
      lines.push(line);
      size += line.length + 1;
    }
    i++;
  }
  lines[lines.length - 1] = '    }';
  lines.push('  }', '}');
  return lines.join('\n').split('\n');
}

/** One minified line of about `bytes` (vendor bundle style). Returns the line's tokens, so that a key can go between two. */
export function minifiedTokens(r, bytes) {
  const id = () => {
    let name;
    do name = r.string('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ$_', r.range(1, 2));
    while (KEYWORDS.has(name));
    return name;
  };
  /** Two different names (strict code cannot repeat a parameter). */
  const params = () => {
    const a = id();
    let b = id();
    while (b === a) b = id();
    return `${a},${b}`;
  };
  const tokens = ['"use strict";(()=>{var ' + id() + '=Object.defineProperty;'];
  let size = tokens[0].length;
  while (size < bytes) {
    let t;
    switch (r.int(6)) {
      case 0:
        t = `function ${id()}(${params()}){return ${id()}.map(function(${id()}){return ${id()}+${r.range(0, 999)}})}`;
        break;
      case 1:
        t = `var ${id()}="${sentence(r, 2, 8).replace(/"/g, '')}",${id()}=${r.range(0, 1e6)};`;
        break;
      case 2:
        t = `if(${id()}&&${id()}.length>${r.range(0, 64)})throw new Error("${r.pick(VERBS)} ${noun(r)} failed");`;
        break;
      case 3:
        t = `${id()}.${camel(r)}={${Array.from({ length: r.range(1, 5) }, () => `${camel(r)}:"${kebab(r)}"`).join(',')}};`;
        break;
      case 4:
        t = `for(var ${id()}=0;${id()}<${id()}.length;${id()}++)${id()}[${id()}]^=${r.range(0, 255)};`;
        break;
      default:
        t = `${id()}=${id()}?${id()}.${camel(r)}(${id()},${r.range(0, 99)}):void 0;`;
    }
    tokens.push(t);
    size += t.length;
  }
  tokens.push('})();');
  return tokens;
}

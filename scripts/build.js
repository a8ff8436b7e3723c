// Bundles the CLI and the library (dist/), and the GitHub Action (action/dist/, committed).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  define: { SECRETGUARD_VERSION: JSON.stringify(version) },
  // Some dependencies still call require(); an ESM bundle needs one to hand them.
  banner: { js: "import { createRequire as __sgCreateRequire } from 'node:module'; const require = __sgCreateRequire(import.meta.url);" },
  logLevel: 'warning',
};

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHED_REQUIRE = fileURLToPath(new URL('../src/cached-require.ts', import.meta.url));

/**
 * The CLI requires these on first use from node_modules (they are dependencies of the package)
 * instead of compiling them at start-up: Babel is 600 KB that most scans, and the pre-commit hook
 * on ten ordinary files, never run; when one does, through V8's code cache (src/cached-require.ts).
 * The Action bundle inlines them: it has no node_modules.
 */
function lazyDependencies(names) {
  const filter = new RegExp(`^(${names.map((n) => n.replace(/[/.]/g, '\\$&')).join('|')})$`);
  return {
    name: 'lazy-dependencies',
    setup(build) {
      build.onResolve({ filter }, (args) => (args.namespace === 'lazy' ? { path: args.path, external: true } : { path: args.path, namespace: 'lazy' }));
      build.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
        contents: `import { requireCached } from ${JSON.stringify(CACHED_REQUIRE)};\nlet m; const load = () => (m ??= requireCached(${JSON.stringify(args.path)}));\nexport const parse = (...a) => load().parse(...a);`,
        loader: 'js',
        resolveDir: ROOT,
      }));
    },
  };
}

await build({
  ...common,
  plugins: [lazyDependencies(['@babel/parser'])],
  entryPoints: { cli: 'src/cli/index.ts', index: 'src/index.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});

// The Action runs this one file as committed: no node_modules on the runner.
await build({
  ...common,
  entryPoints: ['action/src/main.ts'],
  outfile: 'action/dist/index.js',
});

// `npm run demo`: render the leaky demo app (fixtures/next-app) into a fresh temporary Git
// repository and scan it. Finding secrets there is the expected outcome: the app leaks on purpose.
// Exit 0 when the scan reports findings (its exit 1), non-zero otherwise. Offline; needs `npm run build`.
//
//   npm run demo             the temporary repository is deleted afterwards
//   npm run demo -- --keep   keep it, to look around or to try other commands on it
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const keep = process.argv.includes('--keep');

if (!existsSync(join(root, 'dist', 'index.js')) || !existsSync(join(root, 'dist', 'cli.js'))) {
  process.stderr.write('demo: dist/ is missing: run `npm run build` first\n');
  process.exit(2);
}
const { renderFixture } = await import('./render-fixture.js');

const dir = mkdtempSync(join(tmpdir(), 'secretguard-demo-'));
let exitCode = 2;
try {
  const { secrets } = renderFixture(join(root, 'fixtures', 'next-app'), dir);
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--no-verify', '-m', 'Initial commit: acme-store'); // no hooks: a global secretguard hook would refuse it

  process.stdout.write(`demo: planted ${secrets.length} fake keys in a sample Next.js app, committed to ${dir}\n`);
  process.stdout.write(`demo: $ secretguard scan ${dir}\n\n`);
  const scan = spawnSync(process.execPath, [join(root, 'bin', 'secretguard.js'), 'scan', dir], { stdio: 'inherit' });
  const status = scan.status ?? 2;
  process.stdout.write('\n');
  if (status === 1) {
    process.stdout.write(
      'demo: the demo app leaks on purpose (every key above is a freshly generated fake, never a real one):\n' +
        'demo: findings are the expected outcome, so the demo exits 0. Publishable keys and .env.example placeholders are not reported.\n',
    );
    exitCode = 0;
  } else if (status === 0) {
    process.stderr.write('demo: the scan found nothing, but the demo app leaks on purpose: something is wrong\n');
    exitCode = 1;
  } else {
    process.stderr.write(`demo: the scan failed (exit ${scan.signal ?? status})\n`);
    exitCode = status;
  }
} catch (error) {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  exitCode = 2;
} finally {
  if (keep) process.stdout.write(`demo: kept ${dir}\n`);
  else rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);

function git(cwd, ...args) {
  const result = spawnSync(
    'git',
    ['-c', 'user.name=secretguard demo', '-c', 'user.email=demo@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args],
    { cwd, encoding: 'utf8' },
  );
  if (result.error) throw new Error(`cannot run git: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`git ${args[0]} failed: ${(result.stderr || result.stdout).trim().split('\n')[0]}`);
}

/** The marked block secretguard owns inside a pre-commit hook; everything outside it is the user's. */

export const BEGIN = '# >>> secretguard >>> (managed by `secretguard install`; `secretguard uninstall` removes it)';
export const END = '# <<< secretguard <<<';

/**
 * Shell for the block. It prefers the project's own install, then the binary that installed the
 * hook, then one on PATH; when none is there it says so and lets the commit through, since a hook
 * that cannot run must never read as "secret found" (CI is the gate that cannot be skipped).
 */
export function hookBlock(installedBin: string | undefined): string {
  const fallback = installedBin ? `elif [ -x ${shellQuote(installedBin)} ]; then\n  ${shellQuote(installedBin)} staged || exit $?\n` : '';
  return [
    BEGIN,
    'if [ -x ./node_modules/.bin/secretguard ]; then',
    '  ./node_modules/.bin/secretguard staged || exit $?',
    `${fallback}elif command -v secretguard >/dev/null 2>&1; then`,
    '  secretguard staged || exit $?',
    'else',
    '  echo "secretguard: not installed here (run npm install): this commit was NOT scanned for secrets" >&2',
    'fi',
    END,
  ].join('\n');
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Put the block into `script` (after its shebang), replacing an older block; unchanged if already there. */
export function withBlock(script: string, block: string): string {
  const without = withoutBlock(script);
  const lines = without.split('\n');
  const at = lines[0]?.startsWith('#!') ? 1 : 0;
  lines.splice(at, 0, block);
  return lines.join('\n').replace(/\n*$/, '\n');
}

/** `script` with secretguard's block removed (and nothing else touched). */
export function withoutBlock(script: string): string {
  const start = script.indexOf(BEGIN);
  if (start === -1) return script;
  const endAt = script.indexOf(END, start);
  if (endAt === -1) return script;
  const after = script.slice(endAt + END.length).replace(/^\n/, '');
  return script.slice(0, start) + after;
}

/** True when nothing but a shebang and blank lines is left. */
export function isEmptyHook(script: string): boolean {
  return script
    .split('\n')
    .filter((line) => !line.startsWith('#!'))
    .every((line) => line.trim() === '');
}

import type { ProjectSettings } from '../config/project.js';
import { SKIP_LISTS, type ScanResult } from '../types.js';

/**
 * `--verbose`: what secretguard decided and saw, on stderr. Every line goes through the same
 * redaction as error messages, though nothing here should ever hold a secret.
 */
let enabled = false;

export function enableDebugLog(on: boolean): void {
  enabled = on;
}

export async function debug(line: string): Promise<void> {
  if (!enabled) return;
  const { redactText } = await import('../engine/redact-text.js');
  process.stderr.write(`secretguard: [debug] ${redactText(line)}\n`);
}

export async function debugSettings(settings: ProjectSettings): Promise<void> {
  await debug(`project root ${settings.root}; config ${settings.configSource ?? 'none'}; baseline ${settings.baseline ? `${settings.baseline.path} (${settings.baseline.entries.length} entries)` : 'none'}`);
  await debug(`${settings.rules.length} rules, ${settings.checks.file.length + settings.checks.project.length} checks; fail on ${settings.failOn} and above`);
}

export async function debugResult({ summary }: ScanResult): Promise<void> {
  const { skipped } = summary;
  await debug(`scanned ${summary.filesScanned} files (${summary.bytesScanned} bytes)${summary.commitsScanned === undefined ? '' : ` in ${summary.commitsScanned} commits`} in ${summary.durationMs} ms`);
  await debug(`suppressed: ${summary.suppressed.inline} inline, ${summary.suppressed.allowlist} allowlisted, ${summary.suppressed.baseline} baselined`);
  for (const [reason, list] of Object.entries(SKIP_LISTS)) {
    for (const file of skipped[list]) await debug(`skipped (${reason.replace('-', ' ')}): ${file}`);
  }
  if (skipped.binary) await debug(`skipped ${skipped.binary} binary files`);
}

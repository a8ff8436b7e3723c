import type { Log, Notification, ReportingDescriptor, Result, Run } from 'sarif';
import type { Finding, ScanSummary, Severity } from '../types.js';
import type { Reporter } from './reporter.js';

/**
 * SARIF 2.1.0 for GitHub code scanning (and any other SARIF consumer).
 *
 * Everything here is shown to whoever can read the repository's alerts, so only redacted data goes in:
 * the finding's message and `secret` (both redacted by the engine), never the snippet. The output is a
 * pure function of the ScanResult and the tool version: no timestamps, durations or absolute paths.
 */

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://www.npmjs.com/package/secretguard';
/** Key of our fingerprint in `partialFingerprints`: bump the version if the fingerprint ever changes. */
export const FINGERPRINT_KEY = 'secretguard/v1';

const LEVEL: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** GitHub's scale: 9.0+ critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

export const sarifReporter: Reporter = (result, { toolVersion }) => JSON.stringify(toSarif(result.findings, result.summary, toolVersion), null, 2) + '\n';

export function toSarif(findings: readonly Finding[], summary: ScanSummary, toolVersion: string): Log {
  const rules = rulesOf(findings);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const run: Run = {
    tool: {
      driver: {
        name: 'secretguard',
        version: toolVersion,
        semanticVersion: /^\d+\.\d+\.\d+(?:[-+].*)?$/.test(toolVersion) ? toolVersion : undefined,
        informationUri: INFORMATION_URI,
        rules,
      },
    },
    columnKind: 'utf16CodeUnits',
    results: findings.map((finding) => toResult(finding, ruleIndex.get(finding.ruleId)!)),
  };
  const notifications = skippedNotifications(summary);
  run.invocations = [notifications.length > 0 ? { executionSuccessful: true, toolExecutionNotifications: notifications } : { executionSuccessful: true }];
  return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [run] };
}

/** One descriptor per distinct rule id, sorted by id: the order does not depend on the findings' order. */
function rulesOf(findings: readonly Finding[]): ReportingDescriptor[] {
  const first = new Map<string, Finding>();
  for (const finding of findings) if (!first.has(finding.ruleId)) first.set(finding.ruleId, finding);
  return [...first.keys()].sort(compare).map((id) => toRule(first.get(id)!));
}

function toRule({ ruleId, title, provider, severity, fix }: Finding): ReportingDescriptor {
  return {
    id: ruleId,
    name: pascalCase(ruleId),
    shortDescription: { text: title },
    fullDescription: {
      text: `${title} (${provider}) written into a file tracked by Git: anyone who can read the repository or its history can use it.`,
    },
    help: {
      text: `${title} (${provider}, ${severity}).\n\nFix: ${fix}\n\nOnce a secret is committed, removing it from the file does not remove it from Git history: rotate it. If this is not a real secret, add a "secretguard:allow" comment on the line.`,
      markdown: `**${escapeMarkdown(title)}** (${escapeMarkdown(provider)}, ${severity})\n\n**Fix:** ${escapeMarkdown(fix)}\n\nOnce a secret is committed, removing it from the file does not remove it from Git history: rotate it. If this is not a real secret, add a \`secretguard:allow\` comment on the line.`,
    },
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      'security-severity': SECURITY_SEVERITY[severity],
      tags: ['security', 'secret'],
      precision: 'high',
    },
  };
}

function toResult(finding: Finding, ruleIndex: number): Result {
  const result: Result = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: pathToUri(finding.file), uriBaseId: '%SRCROOT%' },
          region: {
            startLine: finding.line,
            startColumn: finding.column,
            endLine: finding.endLine,
            endColumn: finding.endColumn,
          },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
  };
  const properties: Record<string, unknown> = {};
  if (finding.commit !== undefined) {
    properties.commit = finding.commit;
    if (finding.author !== undefined) properties.author = finding.author;
    if (finding.date !== undefined) properties.date = finding.date;
  }
  if (finding.occurrences !== undefined && finding.occurrences > 1) properties.occurrences = finding.occurrences;
  if (Object.keys(properties).length > 0) result.properties = properties;
  return result;
}

/** Files that were not scanned, so that an incomplete scan is visible next to the results. */
function skippedNotifications({ skipped }: ScanSummary): Notification[] {
  const named = (id: string, level: Notification.level, reason: string, files: readonly string[]): Notification[] =>
    [...files].sort(compare).map((file) => ({
      descriptor: { id },
      level,
      message: { text: `${file}: not scanned (${reason})` },
      locations: [{ physicalLocation: { artifactLocation: { uri: pathToUri(file), uriBaseId: '%SRCROOT%' } } }],
    }));
  const notifications = [
    ...named('secretguard/skipped-unreadable', 'warning', 'could not be read', skipped.unreadable),
    ...named('secretguard/skipped-too-large', 'note', 'too large', skipped.tooLarge),
    ...named('secretguard/skipped-symlink', 'note', 'symbolic link, not followed', skipped.symlink),
    ...named('secretguard/skipped-repository', 'note', 'nested repository or submodule, scan it on its own', skipped.repositories),
  ];
  if (skipped.binary > 0) {
    notifications.push({
      descriptor: { id: 'secretguard/skipped-binary' },
      level: 'note',
      message: { text: `${skipped.binary} binary file${skipped.binary === 1 ? '' : 's'} not scanned` },
    });
  }
  return notifications;
}

/**
 * A relative POSIX path as a relative URI reference (what GitHub matches against the repository's paths).
 * Characters that are not allowed in a path segment are percent-encoded (spaces, `%`, non-ASCII, …), and so
 * are `#` and `?` (fragment and query) and `:` (in a first segment it would read as a URI scheme).
 */
export function pathToUri(path: string): string {
  const wellFormed = path.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
  return wellFormed
    .split('/')
    .map((segment) => encodeURI(segment).replace(/[#?:]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/** `stripe-live-secret-key` → `StripeLiveSecretKey`. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, '\\$&');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

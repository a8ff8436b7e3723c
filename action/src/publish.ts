import { writeFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { jobSummaryMarkdown } from '../../src/reporters/job-summary.js';
import { reporters } from '../../src/reporters/index.js';
import { plain } from '../../src/reporters/colors.js';
import type { Finding, ScanResult } from '../../src/types.js';

/** One annotation per finding on its file and line; GitHub shows about ten, the summary lists all. */
export function annotate(findings: readonly Finding[]): void {
  for (const finding of findings) {
    const properties: core.AnnotationProperties = {
      title: `${finding.title} (${finding.ruleId})`,
      file: finding.file,
      startLine: finding.line,
      endLine: finding.endLine,
      ...(finding.line === finding.endLine ? { startColumn: finding.column, endColumn: finding.endColumn } : {}),
    };
    const commit = finding.commit ? ` in commit ${finding.commit.slice(0, 12)}` : '';
    const message = `${finding.message}${commit}. Fix: ${finding.fix}`;
    if (finding.severity === 'critical' || finding.severity === 'high') core.error(message, properties);
    else if (finding.severity === 'medium') core.warning(message, properties);
    else core.notice(message, properties);
  }
}

export async function writeJobSummary(result: ScanResult, scope: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(jobSummaryMarkdown(result)).addRaw(`\n_Scanned: ${scope}._\n`).write();
}

export async function writeSarif(result: ScanResult, path: string, toolVersion: string): Promise<void> {
  await writeFile(path, reporters.sarif(result, { colors: plain, toolVersion }));
}

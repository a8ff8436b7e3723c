import type { ProjectCheck, ProjectContext } from '../checks/check.js';
import { hasInlineAllow } from '../suppressions/inline.js';
import type { Finding } from '../types.js';
import type { Candidate } from './detect.js';
import { toFinding } from './finding.js';
import { LineIndex } from './lines.js';

export interface ProjectCheckResult {
  findings: Finding[];
  suppressedInline: number;
}

/** Project checks run once per whole-tree scan; their hits become Findings like any other. */
export async function runProjectChecks(checks: readonly ProjectCheck[], context: ProjectContext): Promise<ProjectCheckResult> {
  const result: ProjectCheckResult = { findings: [], suppressedInline: 0 };
  for (const check of checks) {
    for (const hit of await check.run(context)) {
      const text = (await context.readText(hit.file)) ?? '';
      const lines = new LineIndex(text);
      const line = lines.lineOf(hit.start);
      if (hasInlineAllow(text.slice(lines.lineStart(line), lines.lineEnd(line)))) {
        result.suppressedInline++;
        continue;
      }
      const candidate: Candidate = { rule: check, secret: hit.secret ?? '', start: hit.start, end: hit.end, hit };
      result.findings.push(toFinding(candidate, { path: hit.file, content: Buffer.alloc(0) }, text, lines, []));
    }
  }
  return result;
}

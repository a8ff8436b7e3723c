import { describe, expect, it } from 'vitest';
import { ROOT, runCli, type JsonReport } from './helpers/cli.js';

/** The repository must never hold a realistic key: fixtures have slots, tests generate keys at run time. */
describe('self-scan', () => {
  it('secretguard scan . on the repository itself exits 0', () => {
    const result = runCli(['scan', '.', '--format', 'json'], { cwd: ROOT });
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.findings.map((f) => `${f.file}:${f.line} ${f.ruleId} ${f.secret}`)).toEqual([]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // It did walk the project (sources, tests, fixtures), not an empty folder.
    expect(report.summary.filesScanned).toBeGreaterThan(30);
  });

  it('the fixture template alone is clean: its slots and placeholders are not keys', () => {
    const result = runCli(['scan', 'fixtures', '--format', 'json'], { cwd: ROOT });
    const report = JSON.parse(result.stdout) as JsonReport;
    expect(report.findings).toEqual([]);
    expect(result.status).toBe(0);
    expect(report.summary.filesScanned).toBeGreaterThanOrEqual(15);
  });
});

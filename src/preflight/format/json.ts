/**
 * Stable JSON output (schemaVersion 1): documented in docs/rules/README.md. Fields are only ever added.
 */
import { counts, type Report } from './report.js';

export function formatJson(report: Report): string {
  const out = {
    schemaVersion: 1,
    tool: report.tool,
    context: report.context,
    summary: { checked: report.checked, ...counts(report.findings) },
    problems: report.problems,
    findings: report.findings.map((f) => ({
      ruleId: f.ruleId,
      ruleName: f.ruleName,
      severity: f.severity,
      message: f.message,
      location: { file: f.location.file ?? null, line: f.location.line, column: f.location.column },
      subject: f.subject,
      pluginHandled: f.pluginHandled ?? false,
      fix: f.fix ? { description: f.fix.description, replacement: f.fix.replacement ?? null } : null,
    })),
  };
  return JSON.stringify(out, null, 2) + '\n';
}

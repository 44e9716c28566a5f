/** SARIF 2.1.0 for code scanning: every rule in the driver, one result per finding. */
import { ruleDocUrl } from '../docs.js';
import { RULES } from '../rules/index.js';
import type { Severity } from '../rules/types.js';
import type { Report } from './report.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

function uri(file: string | undefined): string {
  if (!file || file.startsWith('<')) return 'stdin';
  return file.replace(/\\/g, '/').replace(/^\.\//, '').split('/').map(encodeURIComponent).join('/');
}

export function formatSarif(report: Report): string {
  const index = new Map(RULES.map((r, i) => [r.meta.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            rules: RULES.map((r) => ({
              id: r.meta.id,
              name: r.meta.name,
              shortDescription: { text: r.meta.summary },
              fullDescription: { text: r.meta.why },
              helpUri: ruleDocUrl(r),
              help: { text: `${r.meta.why}\nFix: ${r.meta.fix}`, markdown: `${r.meta.why}\n\n**Fix:** ${r.meta.fix}` },
              defaultConfiguration: { level: LEVEL[r.meta.severity] },
              properties: { tags: ['velero', 'cert-manager', ...(r.meta.catalogue ? [r.meta.catalogue] : [])] },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: report.problems.length === 0,
            toolExecutionNotifications: report.problems.map((p) => ({ level: 'error', message: { text: p.message } })),
          },
        ],
        results: report.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId) ?? 0,
          level: LEVEL[f.severity],
          message: { text: f.fix ? `${f.message}. Fix: ${f.fix.replacement ?? f.fix.description}` : f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: uri(f.location.file) },
                region: { startLine: Math.max(1, f.location.line), startColumn: Math.max(1, f.location.column) },
              },
            },
          ],
          properties: { ruleName: f.ruleName, pluginHandled: f.pluginHandled ?? false },
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/**
 * `velero-cm-preflight audit BACKUP.tar.gz...`: reads the tarballs `velero backup download` writes and
 * reports what they will restore for cert-manager. Same formats and exit codes as the lint.
 */
import { readFileSync } from 'node:fs';
import type { PreflightConfig } from '../config.js';
import type { Report } from '../format/report.js';
import { RULES } from '../rules/index.js';
import type { LintContext } from '../spec.js';
import { auditEntries } from './audit.js';
import { settleFindings, type LiveFinding } from './findings.js';
import { readTarGz } from './tar.js';

export interface AuditRun {
  findings: LiveFinding[];
  problems: Report['problems'];
  checked: number;
}

export function runAudit(files: readonly string[], ctx: LintContext, config: PreflightConfig | undefined): AuditRun {
  const findings: LiveFinding[] = [];
  const problems: Report['problems'] = [];
  let checked = 0;
  for (const file of files) {
    let entries;
    try {
      entries = readTarGz(readFileSync(file));
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      problems.push({ message: `cannot read backup ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}` });
      continue;
    }
    const result = auditEntries(entries, { file, clusterResourceNamespace: ctx.clusterResourceNamespace });
    checked += result.contents.items.length;
    for (const p of result.contents.problems)
      problems.push({ message: `${p.path}: ${p.message}`, location: { file, line: 1, column: 1 } });
    if (result.contents.items.length === 0 && result.contents.formatVersion === undefined) {
      problems.push({ message: `${file} is not a Velero backup (no metadata/version and no resources/ items)` });
      continue;
    }
    findings.push(...result.findings);
  }
  return { findings: settleFindings(findings, RULES, config, ctx.pluginInstalled), problems, checked };
}

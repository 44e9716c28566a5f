/**
 * `velero-cm-preflight audit [options] BACKUP.tar.gz...`: what a downloaded backup restores for cert-manager,
 * in the lint's formats and exit codes. The archive reader loads only when this command runs.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from './command.js';
import { UsageError } from './options.js';
import { failingFindings, lintContext, loadConfig, makeReport, render } from './report.js';

export const auditCommand: Command = {
  name: 'audit',
  synopsis: [
    'velero-cm-preflight audit [options] BACKUP.tar.gz...    what a downloaded backup restores for cert-manager',
  ],
  check(o) {
    if (o.argv || o.inputs.length === 0)
      throw new UsageError(
        'audit needs backup files: velero backup download NAME, then velero-cm-preflight audit NAME-data.tar.gz',
      );
  },
  async run(o) {
    const config = await loadConfig(o);
    const ctx = lintContext(o, config);
    const { findings, problems, checked } = (await import('../audit/command.js')).runAudit(o.inputs, ctx, config);
    const rendered = await render(makeReport(o, ctx, findings, checked, problems), o);
    if (o.output) writeFileSync(o.output, rendered);
    else process.stdout.write(rendered);
    if (problems.length) return 2;
    return failingFindings(findings, o).length ? 1 : 0;
  },
};

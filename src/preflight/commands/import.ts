/**
 * `velero-cm-preflight import FILE [--context C] [--dry-run]`: applies an export (or cert-manager's backup
 * guide's `kubectl get -o yaml` output) with server-side apply, Secrets first, after forecasting which
 * Certificates cert-manager will issue anew. The Kubernetes client and YAML load only when this command runs.
 */
import { readFileSync } from 'node:fs';
import type { Command } from './command.js';
import { UsageError } from './options.js';

export const importCommand: Command = {
  name: 'import',
  synopsis: [
    'velero-cm-preflight import [--context C] [--dry-run] [--force-conflicts] FILE|-\n' +
      '                                                          apply an export: Secrets first, server-side apply,\n' +
      '                                                          created / updated / unchanged / conflict per object',
  ],
  check(o) {
    if (o.argv || o.inputs.length !== 1)
      throw new UsageError('import needs exactly one file (- for stdin): velero-cm-preflight import cert-manager.yaml');
  },
  async run(o) {
    const file = o.inputs[0] ?? '-';
    const [{ parseConfigurationFile }, { importConfiguration, FIELD_MANAGER }] = await Promise.all([
      import('../transfer/file.js'),
      import('../transfer/import.js'),
    ]);
    let text: string;
    try {
      text = readFileSync(file === '-' ? 0 : file, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const objects = parseConfigurationFile(text, file === '-' ? '<stdin>' : file);
    const note = (line: string) => process.stderr.write(`velero-cm-preflight: ${line}\n`);
    const dry = o.dryRun ? ' (dry run)' : '';
    const results = await importConfiguration(objects, {
      ...(o.context !== undefined ? { context: o.context } : {}),
      ...(o.requestTimeoutMs !== undefined ? { requestTimeoutMs: o.requestTimeoutMs } : {}),
      clusterResourceNamespace: o.clusterResourceNamespace ?? 'cert-manager',
      dryRun: o.dryRun,
      forceConflicts: o.forceConflicts,
      onPlan(plan) {
        note(`importing ${objects.length} objects into ${plan.source}${dry}, field manager ${FIELD_MANAGER}`);
        for (const shim of plan.shimCertificates) note(`left out ${shim}: its Ingress or Gateway recreates it`);
        if (plan.reissued.length) {
          note(
            `cert-manager will issue ${plan.reissued.length} Certificate${plan.reissued.length === 1 ? '' : 's'} anew (Secret neither in the file nor in the cluster):`,
          );
          for (const r of plan.reissued) note(`  ${r}`);
        } else note('cert-manager reissues nothing: every Certificate finds its Secret');
        for (const u of plan.unresolved) note(`referenced but neither in the file nor in the cluster: ${u}`);
      },
      onResult(r) {
        process.stdout.write(`${r.outcome.padEnd(11)} ${r.object}${r.message ? `: ${r.message}` : ''}\n`);
      },
    });
    const tally = new Map<string, number>();
    for (const r of results) tally.set(r.outcome, (tally.get(r.outcome) ?? 0) + 1);
    note(`${[...tally].map(([outcome, n]) => `${n} ${outcome}`).join(', ') || 'nothing to apply'}${dry}`);
    return results.some((r) => r.outcome === 'conflict' || r.outcome === 'failed' || r.outcome === 'not applied')
      ? 1
      : 0;
  },
};

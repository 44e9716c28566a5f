/**
 * `velero-cm-preflight doctor [--context C] [--namespace NS]... [--apply [--yes]]`: finds the damage a restore
 * without the plugin left in the live cluster and prints the kubectl commands that fix it; --apply runs them
 * after a confirmation (--yes: without). The Kubernetes client loads only when this command runs.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from './command.js';
import { UsageError } from './options.js';
import { clusterOptions, failingFindings, lintContext, loadConfig, makeReport, render } from './report.js';

export const doctorCommand: Command = {
  name: 'doctor',
  synopsis: [
    'velero-cm-preflight doctor [--context C] [--namespace NS]... [--apply [--yes]]\n' +
      '                                                          find restore damage in the live cluster; --apply runs\n' +
      '                                                          the printed kubectl commands after a confirmation',
  ],
  check(o) {
    if (o.argv || o.inputs.length) throw new UsageError('doctor takes no files or command line');
  },
  async run(o) {
    const config = await loadConfig(o);
    const ctx = lintContext(o, config);
    const doctor = await import('../doctor/command.js');
    const run = await doctor.runDoctor(
      {
        ...clusterOptions(o),
        clusterResourceNamespaceExplicit: !!(o.clusterResourceNamespace ?? config.clusterResourceNamespace),
        ...(o.namespaces ? { namespaces: o.namespaces } : {}),
      },
      ctx,
      config,
    );
    const { findings, checked } = run;
    Object.assign(ctx, run.ctx);
    const commands = doctor.fixCommands(run.findings);
    const rendered = await render(makeReport(o, ctx, findings, checked, []), o);
    if (o.output) writeFileSync(o.output, rendered);
    else process.stdout.write(rendered);
    const failing = failingFindings(findings, o);
    if (commands.length === 0) return failing.length ? 1 : 0;
    if (!o.apply) {
      process.stderr.write(
        `velero-cm-preflight: ${commands.length} fix command${commands.length === 1 ? '' : 's'} printed above; run them with doctor --apply\n`,
      );
      return failing.length ? 1 : 0;
    }
    const applied = await doctor.applyCommands(commands, o.yes, (line) => process.stderr.write(`${line}\n`));
    if (applied.refused) {
      process.stderr.write(`velero-cm-preflight: nothing applied: ${applied.refused}\n`);
      return failing.length ? 1 : 0;
    }
    process.stderr.write(
      `velero-cm-preflight: ran ${applied.ran} command${applied.ran === 1 ? '' : 's'}, ${applied.failed} failed\n`,
    );
    // What the commands cannot fix (missing Secrets) still counts.
    const unfixed = failing.filter((f) => !(f as { commands?: unknown }).commands);
    return applied.failed || unfixed.length ? 1 : 0;
  },
};

/**
 * `velero-cm-preflight run [--fix] [options] -- velero ...`: lints the command line and, when nothing is at or
 * above --fail-on, executes it (no shell) with the terminal handed over; the report goes to stderr so velero's
 * stdout stays its own. With --fix the corrected command runs.
 */
import { spawnSync } from 'node:child_process';
import { shellJoin } from '../parse/shell.js';
import { present } from '../checked.js';
import type { Command } from './command.js';
import { checkLintOptions, lintAndReport } from './lint.js';
import { describeSpawnError } from './errors.js';
import { UsageError } from './options.js';
import { failingFindings } from './report.js';

export const runCommand: Command = {
  name: 'run',
  synopsis: ['velero-cm-preflight run [--fix] [options] -- velero ...  lint, then exec velero (no shell) if clean'],
  check(o) {
    if (!o.argv || o.inputs.length)
      throw new UsageError(
        'run needs the velero command after --: velero-cm-preflight run -- velero backup create ...',
      );
    checkLintOptions(o);
  },
  async run(o) {
    const { findings, problems, argv } = await lintAndReport(o, 'run');
    if (problems.length) return 2;
    const failing = failingFindings(findings, o);
    if (failing.length) {
      process.stderr.write(
        `velero-cm-preflight: not running velero: ${failing.length} finding${failing.length === 1 ? '' : 's'} at or above ${o.failOn}\n`,
      );
      return 1;
    }
    const command = present(argv, 'the command to run');
    const [program, ...rest] = command;
    // Tests and wrappers point VELERO_CM_PREFLIGHT_VELERO at another velero binary.
    const bin =
      program === 'velero' ? (process.env.VELERO_CM_PREFLIGHT_VELERO ?? 'velero') : present(program, 'the program');
    process.stderr.write(`velero-cm-preflight: running ${shellJoin(command)}\n`);
    const child = spawnSync(bin, rest, { stdio: 'inherit', shell: false });
    if (child.error) {
      process.stderr.write(`velero-cm-preflight: cannot run velero: ${describeSpawnError(bin, child.error)}\n`);
      return 2;
    }
    return child.status ?? 1;
  },
};

import type { Rule } from './types.js';
import { appendEdit, tokenLocation } from './helpers.js';
import { validationProblems } from '../model/validation.js';

export const rule: Rule = {
  meta: {
    id: 'CMV071',
    name: 'command-validation-fails',
    severity: 'error',
    appliesTo: [
      'install',
      'backup, restore, schedule and backup-location delete',
      'schedule pause and unpause',
      'backup-location and snapshot-location create and set',
      'get and describe commands (-o)',
      'completion',
      'client config set',
    ],
    summary:
      "A command line that parses but that the command's own validation rejects: `velero install` without `--provider`, `--bucket`, `--plugins` or a secret choice, a delete with neither names nor `--all` nor `--selector`, a location without `--provider`, an unknown `-o` format.",
    why: "After cobra and pflag accept the flags, each velero command checks its options (Complete and Validate in Velero's code) and stops with an error before touching the cluster: nothing is installed, deleted or created. `velero install` needs a provider, a bucket and the provider's plugin unless `--no-default-backup-location` (and, for no plugin at all, `--use-volume-snapshots=false`), and exactly one of `--secret-file` and `--no-secret`; `--crds-only` skips all of it. `--dry-run` does not: the validation runs first. `velero client config set` is the exception: an argument that is not KEY=VALUE is skipped with a warning and the command still exits 0.",
    fix: 'Give the command what its validation asks for (the message quotes Velero), or the documented alternative: `--no-secret` for workload identity, `--no-default-backup-location` to add locations later, `--all` or names for a delete.',
    links: [
      'https://github.com/vmware-tanzu/velero/blob/main/pkg/cmd/cli/install/install.go',
      'https://github.com/vmware-tanzu/velero/blob/main/pkg/cmd/cli/select_option.go',
      'https://velero.io/docs/main/customize-installation/',
    ],
    examples: [
      {
        bad: 'velero install --use-node-agent',
        good: 'velero install --provider aws --plugins velero/velero-plugin-for-aws:v1.13.0 --bucket velero-backups --secret-file ./credentials-velero --use-node-agent',
      },
      {
        bad: 'velero install --provider aws --plugins velero/velero-plugin-for-aws:v1.13.0 --bucket velero-backups --secret-file ./credentials-velero --default-volumes-to-fs-backup',
        good: 'velero install --provider aws --plugins velero/velero-plugin-for-aws:v1.13.0 --bucket velero-backups --secret-file ./credentials-velero --use-node-agent --default-volumes-to-fs-backup',
      },
      { bad: 'velero backup delete --confirm', good: 'velero backup delete nightly-20240101 --confirm' },
      {
        bad: 'velero backup-location create secondary --bucket velero-2 --config region=us-west-2',
        good: 'velero backup-location create secondary --provider aws --bucket velero-2 --config region=us-west-2',
      },
    ],
  },
  check(subject, ctx) {
    const parsed = subject.command;
    if (!parsed) return [];
    const problems = validationProblems(parsed, ctx.veleroVersion);
    const failing = problems.filter((p) => !p.ignored);
    return problems.map((p) => {
      const location = p.tokenIndex !== undefined ? tokenLocation(subject, p.tokenIndex) : subject.location;
      if (p.ignored) return { message: p.message, location, severity: 'warning' as const };
      // Velero stops at its first error; the others would follow once that one is fixed.
      const first = p === failing[0];
      const message = `${first ? 'velero fails' : 'velero would fail next'}: ${p.message}`;
      return p.append
        ? { message, location, fix: p.append.join(' '), edits: [appendEdit(subject, p.append)] }
        : { message, location };
    });
  },
};

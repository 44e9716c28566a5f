import { lastUse } from '../parse/pflag.js';
import type { Rule } from './types.js';
import { appendEdit, tokenLocation } from './helpers.js';
import { present } from '../checked.js';

export const rule: Rule = {
  meta: {
    id: 'CMV062',
    name: 'install-output-without-dry-run',
    severity: 'error',
    catalogue: 'D3',
    appliesTo: ['install'],
    summary: '`velero install -o yaml` without --dry-run prints the manifests AND installs; `-o table` is rejected.',
    why: 'Rendering manifests to edit them (for instance to set --restore-resource-priorities) installs Velero as a side effect, with the unedited settings.',
    fix: 'Add --dry-run.',
    links: ['https://velero.io/docs/main/customize-installation/'],
    examples: [
      {
        bad: 'velero install --provider aws --plugins velero/velero-plugin-for-aws:v1.13.0 --bucket b --no-secret -o yaml',
        good: 'velero install --provider aws --plugins velero/velero-plugin-for-aws:v1.13.0 --bucket b --no-secret -o yaml --dry-run',
      },
    ],
  },
  check(subject) {
    const parsed = subject.command;
    if (subject.kind !== 'install' || !parsed || !subject.install?.output) return [];
    const use = present(lastUse(parsed, 'output'), 'the --output flag');
    if (subject.install.output === 'table')
      return [
        {
          message: "'table' format is not supported with 'install' command",
          location: tokenLocation(subject, use.tokenIndex),
        },
      ];
    if (subject.install.dryRun) return [];
    return [
      {
        message: `-o ${subject.install.output} without --dry-run prints the manifests and also installs Velero`,
        location: tokenLocation(subject, use.tokenIndex),
        fix: '--dry-run',
        edits: [appendEdit(subject, ['--dry-run'])],
      },
    ];
  },
};

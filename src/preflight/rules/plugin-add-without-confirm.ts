import { lastUse } from '../parse/pflag.js';
import { versionAtLeast } from '../version.js';
import type { Rule } from './types.js';
import { appendEdit } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV064',
    name: 'plugin-add-without-confirm',
    severity: 'warning',
    catalogue: 'D5',
    versions: 'Velero 1.14.0 and later',
    appliesTo: ['plugin add'],
    summary: '`velero plugin add` without --confirm.',
    why: 'It prompts on stdin; without a terminal (CI, scripts) the read fails and it returns WITHOUT adding the plugin and WITHOUT an error exit.',
    fix: 'Add --confirm.',
    links: ['https://velero.io/docs/main/overview-plugins/'],
    examples: [
      {
        bad: 'velero plugin add ghcr.io/velero-plugin-for-cert-manager/velero-plugin-for-cert-manager:v0.1.0',
        good: 'velero plugin add ghcr.io/velero-plugin-for-cert-manager/velero-plugin-for-cert-manager:v0.1.0 --confirm',
      },
    ],
  },
  check(subject, ctx) {
    if (subject.kind !== 'plugin-add' || !subject.command || !versionAtLeast(ctx.veleroVersion, '1.14.0')) return [];
    if (lastUse(subject.command, 'confirm')) return [];
    return [
      {
        message: 'without --confirm velero prompts, and in a non-interactive run it adds nothing and still exits 0',
        location: subject.location,
        fix: '--confirm',
        edits: [appendEdit(subject, ['--confirm'])],
      },
    ];
  },
};

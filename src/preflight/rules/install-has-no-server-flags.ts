import type { Rule } from './types.js';
import { tokenLocation } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV063',
    name: 'install-has-no-server-flags',
    severity: 'error',
    catalogue: 'D4',
    appliesTo: ['install'],
    summary: '`velero install` has no --restore-resource-priorities and no --server-args.',
    why: 'They are unknown flags: the install fails. The restore order is a server argument, set on the Deployment after install.',
    fix: 'Render with `velero install --dry-run -o yaml`, edit the Deployment args, and apply; or edit the installed Deployment (or use the Helm chart).',
    links: ['https://velero.io/docs/main/restore-reference/#changing-resource-restore-order'],
    examples: [
      {
        bad: 'velero install --restore-resource-priorities=secrets,certificates.cert-manager.io',
        good: 'velero install --provider aws --plugins velero/velero-plugin-for-aws:v1.13.0 --bucket b --no-secret --features=EnableAPIGroupVersions',
      },
    ],
  },
  check(subject) {
    if (subject.kind !== 'install') return [];
    return (subject.command?.errors ?? [])
      .filter(
        (e) => e.code === 'unknown-flag' && (e.flag === 'restore-resource-priorities' || e.flag === 'server-args'),
      )
      .map((e) => ({
        message: `velero fails: ${e.message}; velero install cannot set server arguments, edit the Deployment instead`,
        location: tokenLocation(subject, e.tokenIndex),
      }));
  },
};

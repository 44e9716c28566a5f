import type { Rule } from './types.js';

export const rule: Rule = {
  meta: {
    id: 'CMV065',
    name: 'plugin-change-restarts-velero',
    severity: 'info',
    catalogue: 'D6',
    appliesTo: ['plugin add', 'plugin remove'],
    summary: '`velero plugin add/remove` patches the Velero Deployment, which restarts the server.',
    why: 'Backups and restores in progress fail, cert-manager ones included.',
    fix: 'Run it when no backup or restore is in progress.',
    links: ['https://velero.io/docs/main/overview-plugins/'],
    examples: [
      {
        bad: 'velero plugin remove velero/velero-plugin-for-aws:v1.13.0',
        good: 'kubectl -n velero get backups,restores   # none InProgress: now the plugin change may restart Velero',
      },
    ],
  },
  check(subject) {
    if (subject.kind !== 'plugin-add' && subject.kind !== 'plugin-remove') return [];
    return [
      {
        message: `velero plugin ${subject.kind === 'plugin-add' ? 'add' : 'remove'} restarts the Velero server: backups and restores in progress fail`,
        location: subject.location,
      },
    ];
  },
};

import type { Rule } from './types.js';
import { fieldLocation } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV066',
    name: 'api-group-versions-disabled',
    severity: 'info',
    catalogue: 'D7',
    appliesTo: ['install', 'Velero server Deployment args', 'Helm chart values'],
    summary: 'The Velero server runs without the EnableAPIGroupVersions feature.',
    why: 'Only the preferred version of each API group is backed up. During a cert-manager API migration (several served versions) a restore into a cluster with another preferred version depends on the conversion webhook being up.',
    fix: 'For cross-version migrations consider `--features=EnableAPIGroupVersions`.',
    links: ['https://velero.io/docs/main/enable-api-group-versions-feature/'],
    examples: [
      {
        bad: 'velero install --provider aws --plugins velero/velero-plugin-for-aws:v1.13.0 --bucket b --no-secret',
        good: 'velero install --provider aws --plugins velero/velero-plugin-for-aws:v1.13.0 --bucket b --no-secret --features=EnableAPIGroupVersions',
      },
    ],
  },
  check(subject) {
    const features =
      subject.kind === 'install'
        ? subject.install?.features
        : subject.kind === 'server'
          ? subject.serverArgs?.features
          : undefined;
    if (subject.kind !== 'install' && subject.kind !== 'server') return [];
    // `velero install --crds-only` installs the CRDs and nothing else: no server runs with or without the feature.
    if (subject.install?.crdsOnly && subject.kind === 'install') return [];
    if (features?.split(',').includes('EnableAPIGroupVersions')) return [];
    return [
      {
        message: 'EnableAPIGroupVersions is off: only the preferred version of cert-manager APIs is backed up',
        location: fieldLocation(subject, 'features'),
      },
    ];
  },
};

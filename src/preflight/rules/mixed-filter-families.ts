import { usesOldFilters, usesScopedFilters } from '../coverage.js';
import type { Rule } from './types.js';
import { fieldLocation } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV012',
    name: 'mixed-filter-families',
    severity: 'error',
    catalogue: 'A7',
    appliesTo: ['backup create', 'schedule create', 'Backup and Schedule manifests'],
    summary:
      'Old-style resource filters (--include/exclude-resources, --include-cluster-resources) mixed with the scoped ones (--*-scoped-resources).',
    why: 'The CLI refuses the command; a manifest gets FailedValidation. For a Schedule, EVERY backup it creates fails validation: no cert-manager backup at all.',
    fix: 'Use one family. For cert-manager the old family is simplest: --include-cluster-resources=true --exclude-resources <ephemeral kinds>.',
    links: ['https://velero.io/docs/main/resource-filtering/'],
    examples: [
      {
        bad: 'velero backup create b --include-cluster-resources=true --exclude-namespace-scoped-resources events',
        good: 'velero backup create b --include-cluster-resources=true --exclude-resources events',
      },
    ],
  },
  check(subject) {
    const spec = subject.backup;
    if (!spec || !usesOldFilters(spec) || !usesScopedFilters(spec)) return [];
    return [
      {
        message:
          subject.origin === 'command'
            ? 'old filter flags (include-resources, exclude-resources, include-cluster-resources) cannot be used together with the *-scoped-resources flags: velero refuses the command'
            : 'old-style resource fields and *ScopedResources fields together: the server marks every backup FailedValidation',
        location: fieldLocation(
          subject,
          'includedClusterScopedResources',
          'excludedClusterScopedResources',
          'includedNamespaceScopedResources',
          'excludedNamespaceScopedResources',
        ),
      },
    ];
  },
};

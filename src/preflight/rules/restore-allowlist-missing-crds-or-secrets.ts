import { namesCertManager } from '../coverage.js';
import { CRD, SECRETS, isAllList, listMatches } from '../resources.js';
import type { Rule } from './types.js';
import { mergeList, nameOf, restoreSpecOf, setListReport } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV042',
    name: 'restore-allowlist-missing-crds-or-secrets',
    severity: 'error',
    catalogue: 'C3',
    appliesTo: ['restore create', 'Restore manifests'],
    summary:
      'A restore --include-resources allowlist with cert-manager types but without customresourcedefinitions or without secrets.',
    why: 'Without the CRDs the cert-manager objects cannot be created on a cluster that lacks them; without Secrets cert-manager re-issues every certificate.',
    fix: 'Add customresourcedefinitions.apiextensions.k8s.io,secrets (or pre-install cert-manager).',
    links: ['https://cert-manager.io/docs/devops-tips/backup/'],
    examples: [
      {
        bad: 'velero restore create --from-backup b --include-resources certificates.cert-manager.io,issuers.cert-manager.io',
        good: 'velero restore create --from-backup b --include-resources certificates.cert-manager.io,issuers.cert-manager.io,customresourcedefinitions.apiextensions.k8s.io,secrets',
      },
    ],
  },
  check(subject) {
    const spec = restoreSpecOf(subject, 'includedResources');
    if (!spec) return [];
    const inc = spec.includedResources;
    if (isAllList(inc) || !namesCertManager(inc)) return [];
    const missing = [CRD, SECRETS].filter((t) => !listMatches(inc, t));
    if (missing.length === 0) return [];
    const message = `${nameOf(subject, 'includedResources', 'include-resources')} restores cert-manager types without ${missing.join(' and ')}: ${missing.includes(CRD) ? 'the objects cannot be created where the CRDs are missing' : ''}${missing.length === 2 ? '; ' : ''}${missing.includes(SECRETS) ? 'without Secrets every certificate is re-issued' : ''}`;
    return [setListReport(subject, 'includedResources', 'include-resources', mergeList(inc, missing), message)];
  },
};

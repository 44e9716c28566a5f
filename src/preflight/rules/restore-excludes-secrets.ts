import { SECRETS, listMatches } from '../resources.js';
import type { Rule } from './types.js';
import { nameOf, restoreSpecOf, setListReport } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV043',
    name: 'restore-excludes-secrets',
    severity: 'warning',
    catalogue: 'C4',
    appliesTo: ['restore create', 'Restore manifests'],
    summary: 'A restore that excludes secrets while cert-manager objects are restored.',
    why: 'Certificates come back without their Secrets: cert-manager re-issues them all (ACME rate limits, new keys, a new CA for CA issuers).',
    fix: 'Restore the Secrets.',
    links: ['https://cert-manager.io/docs/devops-tips/backup/'],
    examples: [
      {
        bad: 'velero restore create --from-backup b --exclude-resources secrets',
        good: 'velero restore create --from-backup b',
      },
    ],
  },
  check(subject) {
    const spec = restoreSpecOf(subject, 'excludedResources');
    const list = spec?.excludedResources;
    if (!list?.some((e) => e !== '*' && listMatches([e], SECRETS))) return [];
    return [
      setListReport(
        subject,
        'excludedResources',
        'exclude-resources',
        list.filter((e) => !listMatches([e], SECRETS)),
        `${nameOf(subject, 'excludedResources', 'exclude-resources')} excludes secrets: restored Certificates have no Secret and are all re-issued`,
      ),
    ];
  },
};

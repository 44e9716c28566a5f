import type { Rule } from './types.js';
import { backupSpecOf } from './helpers.js';
import { describeDrop, fixForDrop, groupDrops, policyDrops } from '../policy-effects.js';
import { SECRETS } from '../resources.js';

/** What cert-manager cannot restore without: its Secrets, and the objects that say how to issue them. */
const WATCHED = { namespaced: [SECRETS, 'certificates.cert-manager.io', 'issuers.cert-manager.io'], cluster: [] };

export const rule: Rule = {
  meta: {
    id: 'CMV033',
    name: 'resource-policy-drops-cert-manager-objects',
    severity: 'error',
    catalogue: 'B6, B11',
    versions: 'Velero 1.17.0 and later (includeExcludePolicy); 1.18.3 and later (filter policies)',
    appliesTo: ['backup create', 'schedule create', 'Backup and Schedule manifests, with the policy ConfigMap'],
    summary:
      "The backup's resource policy (its includeExcludePolicy, or from Velero 1.18.3 its namespacedFilterPolicies) leaves out Secrets, Certificates or Issuers that the backup's own filters keep.",
    why: "Velero merges the policy's includeExcludePolicy into the backup's scoped filters: a policy exclude such as `secret` takes effect unless the backup's own include list names the type, and a policy include list turns the backup's \"everything\" into just that list. Without the Secrets (TLS key pairs, CA keys, ACME account keys, DNS01 credentials) cert-manager issues every certificate again after a restore (new keys, ACME rate limits, a new CA); without Certificates or Issuers nothing is issued at all. From Velero 1.18.3 a namespacedFilterPolicies entry is an allowlist for the namespaces it matches: a kind that none of its resourceFilters lists (and no catch-all `kinds: ['*']` covers) is not backed up there, and a listed kind keeps only the objects matching its label selectors and names (a warning: they may match).",
    fix: "Remove the entry from the policy's excludes (or add the type to its includes); the backup's own --include-namespace-scoped-resources wins over the policy, so listing the type there works too.",
    links: ['https://velero.io/docs/main/resource-filtering/#resource-policies'],
    examples: [
      {
        bad: 'velero-cm-preflight backup.sh pol.yaml   # velero backup create b --resource-policies-configmap pol; pol: namespacedFilterPolicies: [{namespaces: [app], resourceFilters: [{kinds: [deployments]}]}]',
        good: "velero-cm-preflight backup.sh pol.yaml   # the same with resourceFilters: [{kinds: [deployments]}, {kinds: ['*']}]",
      },
      {
        bad: 'velero-cm-preflight backup.sh pol.yaml   # velero backup create b --resource-policies-configmap pol; pol: includeExcludePolicy: {excludedNamespaceScopedResources: [secrets]}',
        good: 'velero-cm-preflight backup.sh pol.yaml   # the same with pol: includeExcludePolicy: {excludedNamespaceScopedResources: [events]}',
      },
    ],
  },
  check(subject, ctx) {
    if (!backupSpecOf(subject)) return [];
    return groupDrops(policyDrops(subject, ctx, WATCHED)).map((d) => ({
      message: `resource policy ${d.policy} leaves ${d.types.join(', ')} out of the ${subject.kind}${subject.name ? ` ${subject.name}` : ''}: ${describeDrop(d)}${d.types.includes(SECRETS) ? '; cert-manager re-issues every certificate after a restore' : ''}`,
      location: d.location,
      ...(d.severity ? { severity: d.severity } : {}),
      fix: fixForDrop(d),
    }));
  },
};

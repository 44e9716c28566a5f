import { includeExcludePolicyOf } from '../policy.js';
import { backupCoverage, coverageKeepsCertManager, namesCertManager, usesOldFilters } from '../coverage.js';
import { CLUSTER_ISSUERS, SECRETS, isAllList, keepScope, listMatches } from '../resources.js';
import type { Rule, RuleReport } from './types.js';
import { RESOURCE_FIELDS, backupSpecOf, fieldLocation, mergeList, nameOf, setListReport } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV025',
    name: 'secrets-not-backed-up',
    severity: 'error',
    catalogue: 'B6',
    appliesTo: ['backup create', 'schedule create', 'Backup and Schedule manifests'],
    summary:
      'Secrets are filtered out of a backup that keeps cert-manager objects: an allowlist without `secrets` that names cert-manager types or sits beside kept ClusterIssuers, `secrets` in an exclude list, or every namespaced type excluded while ClusterIssuers are kept.',
    why: 'TLS Secrets, CA key pairs, ACME account keys and DNS01 credentials are lost. After a restore cert-manager re-issues every certificate: ACME rate limits, new private keys, and with a CA issuer a NEW CA that breaks every client that trusted the old one.',
    fix: 'Include `secrets` (and keep it out of the exclude lists).',
    links: ['https://cert-manager.io/docs/devops-tips/backup/'],
    examples: [{ bad: 'velero backup create b --exclude-resources secrets', good: 'velero backup create b' }],
  },
  check(subject, ctx) {
    const spec = backupSpecOf(subject, ...RESOURCE_FIELDS);
    if (!spec) return [];
    // Nothing of cert-manager in the backup: its Secrets are someone else's business.
    const cov = backupCoverage(spec, ctx, includeExcludePolicyOf(subject, ctx));
    if (!coverageKeepsCertManager(cov)) return [];
    // ClusterIssuers in the backup need their Secrets (CA key pair, ACME account key, DNS01 credentials, in the
    // cluster resource namespace) even when the namespaced filters name no cert-manager type.
    const keepsClusterIssuers = cov.clusterDirect(CLUSTER_ISSUERS);
    const out: RuleReport[] = [];
    const old = usesOldFilters(spec);
    const allow = old
      ? (['includedResources', 'include-resources', spec.includedResources] as const)
      : ([
          'includedNamespaceScopedResources',
          'include-namespace-scoped-resources',
          keepScope(spec.includedNamespaceScopedResources, true),
        ] as const);
    const [incField, incFlag, inc] = allow;
    // Velero drops empty entries (`--include-resources=` is [""]): such a list behaves as if unset.
    const allowsAll = isAllList(inc?.filter((entry) => entry !== ''));
    if (!allowsAll && (namesCertManager(inc) || keepsClusterIssuers) && !listMatches(inc, SECRETS)) {
      out.push(
        setListReport(
          subject,
          incField,
          incFlag,
          mergeList(inc, [SECRETS]),
          namesCertManager(inc)
            ? `${nameOf(subject, incField, incFlag)} names cert-manager types but not secrets: TLS Secrets, CA keys and ACME account keys are not backed up, so everything is re-issued after a restore`
            : `${nameOf(subject, incField, incFlag)} leaves out secrets while the backup keeps ClusterIssuers: their CA keys, ACME account keys and DNS01 credentials are not backed up`,
        ),
      );
    }
    for (const [field, flag] of [
      ['excludedResources', 'exclude-resources'],
      ['excludedNamespaceScopedResources', 'exclude-namespace-scoped-resources'],
    ] as const) {
      const list = spec[field];
      // Excluding every namespaced type (`*`) is a cluster-only backup: a hazard only when it keeps ClusterIssuers,
      // and no edit of the list keeps that intent, so it is said without a fix.
      if (field === 'excludedNamespaceScopedResources' && list?.includes('*') && keepsClusterIssuers) {
        out.push({
          message: `${nameOf(subject, field, flag)} excludes every namespaced type, secrets among them, while the backup keeps ClusterIssuers: their CA keys, ACME account keys and DNS01 credentials are in no backup unless another one holds them (e.g. --include-namespaces cert-manager --include-resources secrets)`,
          location: fieldLocation(subject, field),
        });
        continue;
      }
      if (!list?.some((e) => e !== '*' && listMatches([e], SECRETS))) continue;
      out.push(
        setListReport(
          subject,
          field,
          flag,
          list.filter((e) => !listMatches([e], SECRETS)),
          `${nameOf(subject, field, flag)} excludes secrets: TLS Secrets, CA keys and ACME account keys are not backed up, so everything is re-issued after a restore`,
        ),
      );
    }
    return out;
  },
};

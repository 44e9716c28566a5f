import { includeExcludePolicyOf } from '../policy.js';
import { backupKeepsCertManager, namesCertManager, usesOldFilters } from '../coverage.js';
import { SECRETS, isAllList, keepScope, listMatches } from '../resources.js';
import type { Rule, RuleReport } from './types.js';
import { RESOURCE_FIELDS, backupSpecOf, mergeList, nameOf, setListReport } from './helpers.js';

export const rule: Rule = {
  meta: {
    id: 'CMV025',
    name: 'secrets-not-backed-up',
    severity: 'error',
    catalogue: 'B6',
    appliesTo: ['backup create', 'schedule create', 'Backup and Schedule manifests'],
    summary:
      'Secrets are filtered out: an allowlist naming cert-manager types without `secrets`, or `secrets` in an exclude list.',
    why: 'TLS Secrets, CA key pairs, ACME account keys and DNS01 credentials are lost. After a restore cert-manager re-issues every certificate: ACME rate limits, new private keys, and with a CA issuer a NEW CA that breaks every client that trusted the old one.',
    fix: 'Include `secrets` (and keep it out of the exclude lists).',
    links: ['https://cert-manager.io/docs/devops-tips/backup/'],
    examples: [{ bad: 'velero backup create b --exclude-resources secrets', good: 'velero backup create b' }],
  },
  check(subject, ctx) {
    const spec = backupSpecOf(subject, ...RESOURCE_FIELDS);
    if (!spec) return [];
    // Nothing of cert-manager in the backup: its Secrets are someone else's business.
    if (!backupKeepsCertManager(spec, ctx, includeExcludePolicyOf(subject, ctx))) return [];
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
    if (!isAllList(inc) && namesCertManager(inc) && !listMatches(inc, SECRETS)) {
      out.push(
        setListReport(
          subject,
          incField,
          incFlag,
          mergeList(inc, [SECRETS]),
          `${nameOf(subject, incField, incFlag)} names cert-manager types but not secrets: TLS Secrets, CA keys and ACME account keys are not backed up, so everything is re-issued after a restore`,
        ),
      );
    }
    for (const [field, flag] of [
      ['excludedResources', 'exclude-resources'],
      ['excludedNamespaceScopedResources', 'exclude-namespace-scoped-resources'],
    ] as const) {
      const list = spec[field];
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

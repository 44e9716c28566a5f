/**
 * The cert-manager backup guide's old-style backup, as a user copies it without its
 * `--include-cluster-resources=true`: only `--exclude-resources` for the three ephemeral kinds. Velero's
 * old filter engine then decides cluster-scoped collection from the namespace filter alone: cluster-scoped
 * types are backed up when the namespace filter counts as "everything" (IncludeEverything).
 *
 * Velero v1.18.1 expands the namespace include `*` the CLI sends into the list of live namespaces (issue
 * 9869; v1.18.0 and v1.18.2+ keep `*`), and then counts the filter as "everything" only when that sorted
 * list equals the namespace list exactly as the API server returned it. What the two releases do with this
 * backup, read from their backup logs and tarballs, is what the e2e tests here compare.
 */
import { backupFacts, CERT_MANAGER_CRDS } from './analysis.js';
import type { BackupResult } from './world.js';

export const OLD_STYLE_BACKUP_ARGS = [
  '--exclude-resources',
  'orders.acme.cert-manager.io,challenges.acme.cert-manager.io,certificaterequests.cert-manager.io',
];

export interface OldStyleCoverage {
  /** The namespace includes as the backup log states them ("Including namespaces: ..."). */
  includedNamespaces: string;
  clusterIssuer: boolean;
  /** cert-manager CRDs missing from the backup. */
  missingCrds: string[];
  /** cert-manager's webhook configurations in the backup. */
  webhookConfigurations: string[];
  /** Velero's own log lines that skipped a cluster-scoped type for being namespace-filtered. */
  skippedClusterScoped: number;
}

export function oldStyleCoverage(backup: BackupResult): OldStyleCoverage {
  const facts = backupFacts(backup.contents);
  const including = /Including namespaces: ([^"\n]*)/.exec(backup.logs)?.[1] ?? '(no "Including namespaces" line)';
  return {
    includedNamespaces: including.trim(),
    clusterIssuer: facts.clusterIssuer,
    missingCrds: CERT_MANAGER_CRDS.filter((crd) => !facts.certManagerCrds.includes(crd)),
    webhookConfigurations: backup.contents.items
      .filter((i) => i.resource.endsWith('webhookconfigurations.admissionregistration.k8s.io'))
      .map((i) => i.name)
      .filter((name) => name.includes('cert-manager')),
    skippedClusterScoped: backup.logs
      .split('\n')
      .filter((line) => line.includes("because it's cluster-scoped and only")).length,
  };
}

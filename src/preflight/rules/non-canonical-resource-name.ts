import { canonicalFor, likelyTypo, resolveResource } from '../resources.js';
import type { Rule, RuleReport } from './types.js';
import { listFields, nameOf, setListReport } from './helpers.js';

/**
 * Why one entry may not resolve where the command runs, with the spelling to use instead; undefined for entries that
 * resolve everywhere (built-in types under any spelling discovery accepts, canonical names, globs, custom types the
 * preflight does not know).
 */
function problemOf(entry: string, restore: boolean): { problem: string; use: string } | undefined {
  const typo = likelyTypo(entry);
  if (typo)
    return { problem: `"${entry}" resolves to no type (did you mean ${typo}?), so it matches nothing`, use: typo };
  const known = resolveResource(entry);
  const canonical = canonicalFor(entry);
  // Built-in types are served by every API server, and a backup reads the discovery of the cluster that holds the
  // objects: only a restore can meet a cluster whose discovery lacks a custom type (its CRD is not restored yet).
  if (!known || !canonical || known.builtIn || !restore) return undefined;
  return {
    problem: `"${entry}" is resolved through the target cluster's discovery before any CRD from the backup is restored, so on a cluster without that CRD it matches nothing`,
    use: canonical,
  };
}

export const rule: Rule = {
  meta: {
    id: 'CMV010',
    name: 'non-canonical-resource-name',
    severity: 'warning',
    catalogue: 'A5',
    appliesTo: ['backup create', 'schedule create', 'restore create', 'Backup, Schedule and Restore manifests'],
    summary:
      'A resource list entry that may resolve to nothing where the command runs: a short name, Kind or group-less name of a custom type on a restore, or a misspelt type.',
    why: "Velero resolves list entries through discovery; an entry that does not resolve is kept as a glob against canonical names and silently matches nothing. Built-in types (`deployments`, `pvc`, `Secret`) resolve on every cluster, and a backup resolves names on the cluster that holds the objects. A restore, however, uses the TARGET cluster's discovery before any CRD from the backup is restored, so on a fresh cluster `cert`, `Certificate` or `certificates` match nothing. A misspelt name (`deploymnets`, `PVC`: short names are case-sensitive) matches nothing anywhere.",
    fix: 'On restores, name custom types canonically (certificates.cert-manager.io, issuers.cert-manager.io, clusterissuers.cert-manager.io, orders.acme.cert-manager.io, challenges.acme.cert-manager.io, certificaterequests.cert-manager.io); correct misspelt names.',
    links: ['https://cert-manager.io/docs/devops-tips/backup/', 'https://velero.io/docs/main/resource-filtering/'],
    examples: [
      {
        bad: 'velero restore create --from-backup b --exclude-resources orders,challenges',
        good: 'velero restore create --from-backup b --exclude-resources orders.acme.cert-manager.io,challenges.acme.cert-manager.io',
      },
      {
        bad: 'velero backup create b --include-namespaces app --include-resources deploymnets,pvc',
        good: 'velero backup create b --include-namespaces app --include-resources deployments,pvc',
      },
    ],
  },
  check(subject) {
    const out: RuleReport[] = [];
    for (const { field, flag, list, unknown } of listFields(subject)) {
      if (unknown || field.endsWith('Namespaces')) continue;
      const problems = list.map((entry) => problemOf(entry, subject.kind === 'restore'));
      if (problems.every((p) => p === undefined)) continue;
      const fixed = list.map((entry, i) => problems[i]?.use ?? entry);
      const message = `${nameOf(subject, field, flag)}: ${problems
        .filter((p) => p !== undefined)
        .map((p) => `${p.problem}; use ${p.use}`)
        .join('; ')}`;
      out.push(setListReport(subject, field, flag, fixed, message));
    }
    return out;
  },
};

/**
 * Cluster mode, step two (pure): a Backup or Schedule spec evaluated against the live facts. Names every
 * Secret, issuer, CRD and namespace the backup would leave out, and derives the lint context (Velero version,
 * plugin awareness, cluster resource namespace) from what was found.
 */
import { CRD_NAMES, CLUSTER_ISSUER } from '../../certmanager/kinds.js';
import {
  certificateIssuerReference,
  certificateSecretReferences,
  isCertManagerIssuer,
  issuerSecretReferences,
} from '../../certmanager/references.js';
import { makeFinding, objectName, type LiveFinding } from '../audit/findings.js';
import { GR, Inventory, type InventoryItem } from '../audit/inventory.js';
import { backupCoverage, excludedByName } from '../coverage.js';
import { includeExcludePolicyOf } from '../policy.js';
import { CRD } from '../resources.js';
import { shouldInclude } from '../../velero/filters.js';
import type { BackupSpec, LintContext, Subject } from '../spec.js';
import { formatVersion, parseVersion } from '../version.js';
import type { LiveFacts } from './facts.js';
import * as R from './rules.js';
import { group } from '../checked.js';

const EXCLUDE_FROM_BACKUP_LABEL = 'velero.io/exclude-from-backup';

/** Which context values the user set explicitly (those win over what the cluster says). */
export interface ExplicitContext {
  veleroVersion?: boolean;
  pluginInstalled?: boolean;
  clusterResourceNamespace?: boolean;
  veleroNamespace?: boolean;
}

export function contextFromFacts(facts: LiveFacts, ctx: LintContext, explicit: ExplicitContext): LintContext {
  const out: LintContext = { ...ctx };
  const version = facts.velero?.version ? parseVersion(facts.velero.version) : undefined;
  if (version && !explicit.veleroVersion) out.veleroVersion = version;
  if (facts.velero && !explicit.pluginInstalled) out.pluginInstalled = facts.velero.ourPluginInstalled;
  if (facts.velero && !explicit.veleroNamespace) out.veleroNamespace = facts.velero.namespace;
  if (facts.velero) out.veleroNamespaceKnown = true;
  if (facts.certManager && !explicit.clusterResourceNamespace)
    out.clusterResourceNamespace = facts.certManager.clusterResourceNamespace;
  out.cluster = {
    namespacesLabelledExcludeFromBackup: facts.namespaces
      .filter((n) => n.labels[EXCLUDE_FROM_BACKUP_LABEL] === 'true')
      .map((n) => n.name),
    certManagerPreinstalled: !!facts.certManager,
    ...(facts.velero ? { configMapsReadIn: facts.velero.namespace } : {}),
  };
  return out;
}

/** The plugin's merged configuration data, read from the live plugin-config ConfigMaps. */
function pluginConfigData(facts: LiveFacts): Record<string, string> {
  const data: Record<string, string> = {};
  for (const cm of facts.pluginConfigMaps) Object.assign(data, (cm.data as Record<string, string> | undefined) ?? {});
  return data;
}

export function installationFindings(facts: LiveFacts, ctx: LintContext): LiveFinding[] {
  const file = `cluster:${facts.context}`;
  const out: LiveFinding[] = [];
  const v = facts.velero;
  out.push(
    v
      ? makeFinding(R.clusterVeleroInstallation, {
          file,
          subject: { kind: 'Deployment', name: objectName(v.namespace, v.name) },
          message: `Velero ${v.version ?? `(version unknown from image ${v.image})`} runs as Deployment ${objectName(v.namespace, v.name)}; plugins: ${v.pluginImages.join(', ') || 'none'}; velero-plugin-for-cert-manager ${v.ourPluginInstalled ? 'installed' : 'not installed'}; rules checked for Velero ${formatVersion(ctx.veleroVersion)}${ctx.pluginInstalled ? ' with the plugin' : ''}`,
        })
      : makeFinding(R.clusterVeleroInstallation, {
          file,
          severity: 'warning',
          subject: { kind: 'Deployment' },
          message: `no Velero server Deployment found in the cluster; rules checked for Velero ${formatVersion(ctx.veleroVersion)}${ctx.pluginInstalled ? ' with the plugin' : ' without the plugin'}`,
        }),
  );
  const cm = facts.certManager;
  out.push(
    cm
      ? makeFinding(R.clusterCertManagerInstallation, {
          file,
          subject: { kind: 'Namespace', name: cm.namespace },
          message: `cert-manager runs in namespace ${cm.namespace}; its cluster resource namespace is ${cm.clusterResourceNamespace} (${cm.source}); CRDs installed: ${facts.crds.length}/${CRD_NAMES.length}`,
        })
      : makeFinding(R.clusterCertManagerInstallation, {
          file,
          severity: 'warning',
          subject: { kind: 'Namespace' },
          message: `no cert-manager Deployment found in the cluster (CRDs installed: ${facts.crds.length}/${CRD_NAMES.length}); cluster resource namespace assumed ${ctx.clusterResourceNamespace}`,
        }),
  );
  return out;
}

type Selector = ((labels: Record<string, string>) => boolean) | undefined;

/** A label selector Velero would apply; undefined when there is none or it cannot be decided here. */
export function parseSelector(selector: unknown): Selector {
  if (selector === undefined || selector === null || selector === '') return undefined;
  if (typeof selector === 'string') {
    const terms = selector
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const checks: ((l: Record<string, string>) => boolean)[] = [];
    for (const term of terms) {
      let m: RegExpExecArray | null;
      if ((m = /^([^!=\s]+)\s*!=\s*(\S*)$/.exec(term))) {
        const k = group(m, 1);
        const v = group(m, 2);
        checks.push((l) => l[k] !== v);
      } else if ((m = /^([^!=\s]+)\s*==?\s*(\S*)$/.exec(term))) {
        const k = group(m, 1);
        const v = group(m, 2);
        checks.push((l) => l[k] === v);
      } else if ((m = /^!([^\s=!]+)$/.exec(term))) {
        const k = group(m, 1);
        checks.push((l) => !(k in l));
      } else if (/^[^\s=!(),]+$/.test(term)) {
        checks.push((l) => term in l);
      } else return undefined; // set-based terms: not judged
    }
    return (l) => checks.every((c) => c(l));
  }
  const obj = selector as { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
  if (obj.matchExpressions?.length) return undefined;
  const want = obj.matchLabels ?? {};
  return (l) => Object.entries(want).every(([k, v]) => l[k] === v);
}

function namespaceFilter(spec: BackupSpec, ctx: LintContext) {
  // Velero keeps a namespace that passes both lists; each is judged alone so the message names the one that drops it.
  const includes = { includes: spec.includedNamespaces ?? [], excludes: [] };
  const excludes = { includes: [], excludes: spec.excludedNamespaces ?? [] };
  const labelled = ctx.cluster?.namespacesLabelledExcludeFromBackup ?? [];
  return (ns: string): string | undefined => {
    if (!shouldInclude(includes, ns)) return `--include-namespaces does not include ${ns}`;
    if (!shouldInclude(excludes, ns)) return `--exclude-namespaces excludes ${ns}`;
    if (labelled.includes(ns)) return `namespace ${ns} is labelled ${EXCLUDE_FROM_BACKUP_LABEL}=true`;
    return undefined;
  };
}

/** Findings of one backup or schedule subject against the live cluster. */
export function evaluateSubject(subject: Subject, facts: LiveFacts, ctx: LintContext): LiveFinding[] {
  if ((subject.kind !== 'backup' && subject.kind !== 'schedule') || !subject.backup) return [];
  const spec = subject.backup;
  if (spec.unknownFields?.length) return []; // a shell expansion: cannot decide
  const cov = backupCoverage(spec, ctx, includeExcludePolicyOf(subject, ctx));
  const nsReason = namespaceFilter(spec, ctx);
  const selector = spec.orLabelSelectors?.length ? undefined : parseSelector(spec.labelSelector);
  const inventory = new Inventory(facts.items);
  const forceSecrets = pluginConfigData(facts).forceSecrets === 'true';
  const file = subject.location.file;
  const loc = subject.location;
  const out: LiveFinding[] = [];

  /** Why an item would not be backed up by the filters, or undefined when it would. */
  const leftOutReason = (item: InventoryItem): string | undefined => {
    if (item.object.metadata.labels?.[EXCLUDE_FROM_BACKUP_LABEL] === 'true')
      return `it is labelled ${EXCLUDE_FROM_BACKUP_LABEL}=true`;
    if (item.namespace) {
      const r = nsReason(item.namespace);
      if (r) return r;
      if (!cov.namespacedIncluded(item.groupResource)) return `the resource filters leave out ${item.groupResource}`;
    } else if (!cov.clusterDirect(item.groupResource))
      return `cluster-scoped ${item.groupResource} are not backed up with these filters`;
    if (selector && !selector(item.object.metadata.labels ?? {})) return 'the label selector does not match it';
    return undefined;
  };
  const backedUp = (item: InventoryItem) => leftOutReason(item) === undefined;
  const find = (gr: string, ns: string, name: string) =>
    inventory.of(gr).find((i) => i.namespace === ns && i.name === name);
  const finding = (rule: typeof R.clusterSecretLeftOut, input: Omit<Parameters<typeof makeFinding>[1], 'file'>) => {
    const f = makeFinding(rule, { ...input, ...(file !== undefined ? { file } : {}) });
    f.location = loc;
    return f;
  };

  const secretCheck = (owner: InventoryItem, secretNs: string, refName: string, field: string) => {
    const secret = find(GR.secrets, secretNs, refName);
    if (!secret) return; // missing in the cluster already: the doctor's business
    const reason = leftOutReason(secret);
    if (!reason) return;
    out.push(
      finding(R.clusterSecretLeftOut, {
        subject: { kind: 'Secret', name: objectName(secretNs, refName) },
        message: `Secret ${objectName(secretNs, refName)} (${field} of ${owner.object.kind} ${objectName(owner.namespace, owner.name)}) would be left out: ${reason}`,
        fix: `include namespace ${secretNs} and secrets in the backup, or set forceSecrets: "true" in the plugin configuration`,
        pluginHandles: forceSecrets,
      }),
    );
  };

  const certificates = inventory.of(GR.certificates).filter(backedUp);
  for (const cert of certificates)
    for (const ref of certificateSecretReferences(cert.object)) secretCheck(cert, cert.namespace, ref.name, ref.field);
  for (const issuer of inventory.of(GR.issuers).filter(backedUp))
    for (const ref of issuerSecretReferences(issuer.object)) secretCheck(issuer, issuer.namespace, ref.name, ref.field);
  for (const issuer of inventory.of(GR.clusterIssuers).filter(backedUp))
    for (const ref of issuerSecretReferences(issuer.object))
      secretCheck(issuer, ctx.clusterResourceNamespace, ref.name, ref.field);

  const explicitlyExcluded = (gr: string) => spec.includeClusterResources === false || excludedByName(spec, gr);
  const reportedIssuers = new Set<string>();
  for (const cert of certificates) {
    const ref = certificateIssuerReference(cert.object);
    if (!ref || !isCertManagerIssuer(ref)) continue;
    const cluster = ref.kind === CLUSTER_ISSUER.kind;
    const target = cluster ? find(GR.clusterIssuers, '', ref.name) : find(GR.issuers, cert.namespace, ref.name);
    if (!target) continue;
    const reason = leftOutReason(target);
    if (!reason) continue;
    const key = `${target.groupResource}/${target.namespace}/${target.name}`;
    const certs = certificates.filter((c) => {
      const r = certificateIssuerReference(c.object);
      return r?.name === ref.name && r.kind === ref.kind && (cluster || c.namespace === cert.namespace);
    });
    if (reportedIssuers.has(key)) continue;
    reportedIssuers.add(key);
    const what = cluster ? `ClusterIssuer ${ref.name}` : `Issuer ${objectName(cert.namespace, ref.name)}`;
    out.push(
      finding(R.clusterIssuerLeftOut, {
        subject: { kind: ref.kind, name: objectName(target.namespace, target.name) },
        message: `${what}, which issues ${certs.length} backed-up Certificate${certs.length === 1 ? '' : 's'} (${certs
          .slice(0, 3)
          .map((c) => objectName(c.namespace, c.name))
          .join(', ')}${certs.length > 3 ? ', ...' : ''}), would be left out: ${reason}`,
        fix: cluster
          ? '--include-cluster-resources=true'
          : `include issuers.cert-manager.io in namespace ${cert.namespace}`,
        pluginHandles: cluster && !explicitlyExcluded(GR.clusterIssuers),
      }),
    );
  }

  if (!cov.clusterDirect(CRD)) {
    const typesBackedUp = new Set(
      facts.items.filter((i) => CRD_NAMES.includes(i.groupResource) && backedUp(i)).map((i) => i.groupResource),
    );
    for (const crd of facts.crds) {
      if (!CRD_NAMES.includes(crd)) continue;
      const reason = cov.crdExcluded
        ? 'the filters exclude CRDs'
        : !typesBackedUp.has(crd)
          ? `no ${crd} object would be backed up, and Velero adds only the CRDs of backed-up types`
          : undefined;
      if (!reason) continue;
      out.push(
        finding(R.clusterCrdLeftOut, {
          subject: { kind: 'CustomResourceDefinition', name: crd },
          message: `CRD ${crd} would be left out: ${reason}`,
          fix: '--include-cluster-resources=true, or install cert-manager before restoring',
        }),
      );
    }
  }

  const cmNamespaces = new Set([...inventory.of(GR.certificates), ...inventory.of(GR.issuers)].map((i) => i.namespace));
  for (const ns of [...cmNamespaces].sort()) {
    const reason = nsReason(ns);
    if (!reason) continue;
    const labelled = reason.includes(EXCLUDE_FROM_BACKUP_LABEL);
    out.push(
      finding(R.clusterNamespaceLeftOut, {
        subject: { kind: 'Namespace', name: ns },
        severity: labelled ? 'warning' : 'info',
        message: `namespace ${ns}, which holds cert-manager Certificates or Issuers, would be left out: ${reason}`,
        fix: labelled
          ? `kubectl label namespace ${ns} ${EXCLUDE_FROM_BACKUP_LABEL}-`
          : `include namespace ${ns} if it should be restorable`,
      }),
    );
  }
  return out;
}

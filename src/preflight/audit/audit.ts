/**
 * `velero-cm-preflight audit BACKUP.tar.gz`: what a backup downloaded with `velero backup download` will
 * restore for cert-manager, judged from its contents alone. Pure: takes the archive's entries.
 */
import { shimOwnerOf } from '../../certmanager/shim.js';
import { ALL_TYPES, CERTIFICATE_REQUEST, CHALLENGE, CRD_NAMES, ORDER, groupResource } from '../../certmanager/kinds.js';
import { backupContents, type BackupContents } from './contents.js';
import { makeFinding, objectName, type LiveFinding } from './findings.js';
import { GR, Inventory, isCertManagerRbac, isCertManagerWebhookConfiguration } from './inventory.js';
import * as R from './rules.js';
import type { TarEntry } from './tar.js';

export interface AuditOptions {
  /** The tarball's path, used as the findings' file. */
  file: string;
  /** cert-manager's cluster resource namespace, for ClusterIssuer Secrets the plugin did not record. */
  clusterResourceNamespace: string;
}

export interface AuditResult {
  contents: BackupContents;
  findings: LiveFinding[];
  /** Counts per group-resource of the cert-manager-relevant types, for the summary. */
  counts: Record<string, number>;
}

const KIND_OF: Record<string, string> = Object.fromEntries(ALL_TYPES.map((t) => [groupResource(t), t.kind]));

function preview(names: readonly string[], max = 5): string {
  return names.length <= max ? names.join(', ') : `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

export function auditEntries(entries: readonly TarEntry[], options: AuditOptions): AuditResult {
  const contents = backupContents(entries);
  const inventory = new Inventory(contents.items);
  const file = options.file;
  const findings: LiveFinding[] = [];
  const counts: Record<string, number> = {};
  for (const gr of [...CRD_NAMES, GR.secrets, GR.crds]) counts[gr] = inventory.of(gr).length;

  const cmObjects = CRD_NAMES.reduce((n, gr) => n + inventory.of(gr).length, 0);
  const crdNames = new Set(inventory.of(GR.crds).map((c) => c.name));
  const cmCrds = CRD_NAMES.filter((n) => crdNames.has(n));
  if (cmObjects === 0 && cmCrds.length === 0) {
    findings.push(
      makeFinding(R.backupNoCertManager, {
        file,
        message: 'the backup holds no cert-manager object and no cert-manager CRD',
        subject: { kind: 'Backup' },
      }),
    );
  }
  if (cmObjects > 0) {
    for (const crd of CRD_NAMES) {
      if (crdNames.has(crd)) continue;
      const instances = inventory.of(crd).length;
      findings.push(
        makeFinding(R.backupCrdsMissing, {
          file,
          subject: { kind: 'CustomResourceDefinition', name: crd },
          severity: instances > 0 ? 'error' : 'warning',
          message:
            instances > 0
              ? `CRD ${crd} is not in the backup but ${instances} ${KIND_OF[crd]} object${instances === 1 ? ' is' : 's are'}: on a cluster without cert-manager's CRDs they fail to restore`
              : `CRD ${crd} is not in the backup: a cluster restored from it cannot hold ${KIND_OF[crd]} objects until cert-manager's CRDs are installed`,
          fix: 'back up with --include-cluster-resources=true, or install cert-manager (with CRDs) before restoring',
        }),
      );
    }
  }

  for (const missing of inventory.missingSecrets(options.clusterResourceNamespace)) {
    const owner = missing.owner;
    const isCert = owner.groupResource === GR.certificates;
    const rule = isCert ? R.backupCertificateSecretMissing : R.backupIssuerSecretMissing;
    const kind = owner.object.kind;
    const consequence = isCert
      ? missing.ref.field === 'spec.secretName'
        ? 'the Certificate will be issued again on restore (new key, new order)'
        : 'its keystores cannot be written after the restore'
      : owner.groupResource === GR.clusterIssuers
        ? `the ClusterIssuer will not be Ready after the restore (ClusterIssuer Secrets live in the cluster resource namespace "${missing.secretNamespace}")`
        : 'the Issuer will not be Ready after the restore';
    findings.push(
      makeFinding(rule, {
        file,
        subject: { kind, name: objectName(owner.namespace, owner.name) },
        message: `${kind} ${objectName(owner.namespace, owner.name)} references Secret ${missing.secretNamespace}/${missing.ref.name} (${missing.ref.field}), which is not in the backup: ${consequence}`,
        fix: `back up Secret ${missing.secretNamespace}/${missing.ref.name} with it (include namespace ${missing.secretNamespace} and the secrets resource)`,
      }),
    );
  }

  for (const { certificate, issuer } of inventory.missingIssuers()) {
    const where =
      issuer.kind === 'ClusterIssuer'
        ? `ClusterIssuer ${issuer.name}`
        : `Issuer ${certificate.namespace}/${issuer.name}`;
    findings.push(
      makeFinding(R.backupCertificateIssuerMissing, {
        file,
        subject: { kind: 'Certificate', name: objectName(certificate.namespace, certificate.name) },
        message: `Certificate ${objectName(certificate.namespace, certificate.name)} is issued by ${where}, which is not in the backup`,
        fix:
          issuer.kind === 'ClusterIssuer'
            ? 'back up cluster resources (--include-cluster-resources=true)'
            : `back up the issuers of namespace ${certificate.namespace}`,
      }),
    );
  }

  for (const type of [CERTIFICATE_REQUEST, ORDER, CHALLENGE]) {
    const items = inventory.of(groupResource(type));
    if (items.length === 0) continue;
    findings.push(
      makeFinding(R.backupEphemeralKinds, {
        file,
        subject: { kind: type.kind },
        message: `the backup holds ${items.length} ${type.kind}${items.length === 1 ? '' : 's'} (${preview(items.map((i) => objectName(i.namespace, i.name)))}): restoring them replays issuance or blocks renewals`,
        fix: `restore with --exclude-resources challenges.acme.cert-manager.io,orders.acme.cert-manager.io,certificaterequests.cert-manager.io`,
      }),
    );
  }

  for (const cert of inventory.of(GR.certificates)) {
    const owner = shimOwnerOf(cert.object);
    if (!owner) continue;
    findings.push(
      makeFinding(R.backupShimCertificates, {
        file,
        subject: { kind: 'Certificate', name: objectName(cert.namespace, cert.name) },
        message: `Certificate ${objectName(cert.namespace, cert.name)} is controlled by ${owner.kind} ${objectName(cert.namespace, owner.name)}: restored without its owner reference, the shim will no longer manage it`,
        fix: 'restore Certificates after the rest (two-step restore), or delete it after the restore so the shim recreates it',
      }),
    );
  }

  if (cmObjects > 0 || cmCrds.length > 0) {
    const webhooks = [...inventory.of(GR.validatingWebhooks), ...inventory.of(GR.mutatingWebhooks)].filter((w) =>
      isCertManagerWebhookConfiguration(w.object),
    );
    findings.push(
      makeFinding(R.backupWebhookConfigurations, {
        file,
        subject: { kind: 'WebhookConfiguration' },
        message: webhooks.length
          ? `cert-manager's webhook configurations are in the backup (${webhooks.map((w) => `${w.object.kind} ${w.name}`).join(', ')}): the webhook must be Ready before cert-manager objects can be written after they are restored`
          : "cert-manager's webhook configurations are not in the backup: restore onto a cluster where cert-manager is installed",
      }),
    );
    const rbac = [...inventory.of(GR.clusterRoles), ...inventory.of(GR.clusterRoleBindings)].filter((r) =>
      isCertManagerRbac(r.object),
    );
    findings.push(
      makeFinding(R.backupCertManagerRbac, {
        file,
        subject: { kind: 'ClusterRole' },
        message: rbac.length
          ? `cert-manager's cluster RBAC is in the backup (${rbac.filter((r) => r.groupResource === GR.clusterRoles).length} ClusterRoles, ${rbac.filter((r) => r.groupResource === GR.clusterRoleBindings).length} ClusterRoleBindings)`
          : "cert-manager's ClusterRoles and ClusterRoleBindings are not in the backup: a restored cert-manager Deployment cannot run; reinstall cert-manager with Helm instead",
      }),
    );
  }
  return { contents, findings, counts };
}

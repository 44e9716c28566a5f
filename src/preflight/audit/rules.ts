/**
 * Rules of `velero-cm-preflight audit BACKUP.tar.gz`: what a downloaded backup holds for cert-manager.
 * Registered in rules/index.ts like the offline rules (docs, --explain, --list-rules, config), they never fire
 * on command lines; audit.ts reports them from the backup's contents.
 */
import type { Rule } from '../rules/types.js';
import { noSubjectCheck } from './findings.js';

const APPLIES = ['audit BACKUP.tar.gz'];
const DOWNLOAD = 'https://velero.io/docs/main/output-file-format/';
const CM_BACKUP = 'https://cert-manager.io/docs/devops-tips/backup/';

export const backupCrdsMissing: Rule = {
  meta: {
    id: 'CMV101',
    name: 'backup-crds-missing',
    severity: 'error',
    appliesTo: APPLIES,
    summary: 'The backup holds cert-manager objects but not all cert-manager CustomResourceDefinitions.',
    why: 'On a fresh cluster Velero restores CRDs first; a cert-manager object whose CRD is neither in the backup nor installed fails to restore ("the server could not find the requested resource"). A missing ClusterIssuer, Order or CertificateRequest CRD is the classic result of a namespace-filtered backup, where Velero adds only the CRDs of types with backed-up items.',
    fix: 'Back up with `--include-cluster-resources=true` (or `--include-cluster-scoped-resources=customresourcedefinitions.apiextensions.k8s.io,...`), or install cert-manager with its CRDs before restoring.',
    links: [DOWNLOAD, CM_BACKUP],
    examples: [
      {
        bad: 'velero-cm-preflight audit nightly.tar.gz   # backup made with --include-namespaces app',
        good: 'velero-cm-preflight audit nightly.tar.gz   # backup made with --include-namespaces app --include-cluster-resources=true',
      },
    ],
    plugin:
      'its backup action adds every cert-manager CRD to each backup that holds cert-manager objects (unless CRDs are explicitly excluded)',
  },
  check: noSubjectCheck,
};

export const backupCertificateSecretMissing: Rule = {
  meta: {
    id: 'CMV102',
    name: 'backup-certificate-secret-missing',
    severity: 'error',
    appliesTo: APPLIES,
    summary: 'A Certificate is in the backup but its Secret (spec.secretName, or a keystore password Secret) is not.',
    why: 'Restored without its Secret, the Certificate is issued again: a new private key, a new ACME order (rate limits), and for CA issuers a certificate nobody has trusted yet. A keystore password Secret that is missing leaves the keystores unbuildable.',
    fix: "Back up Secrets with the Certificates (do not exclude `secrets`, do not filter them out with a label selector), or install the plugin, which adds each Certificate's Secrets to the backup.",
    links: [CM_BACKUP],
    examples: [
      {
        bad: 'velero-cm-preflight audit nightly.tar.gz   # backup made with --exclude-resources secrets',
        good: 'velero-cm-preflight audit nightly.tar.gz   # backup made without excluding secrets',
      },
    ],
    plugin: "its backup action adds each Certificate's Secrets to the backup",
  },
  check: noSubjectCheck,
};

export const backupIssuerSecretMissing: Rule = {
  meta: {
    id: 'CMV103',
    name: 'backup-issuer-secret-missing',
    severity: 'error',
    appliesTo: APPLIES,
    summary:
      'An Issuer or ClusterIssuer is in the backup but a Secret it references (CA key pair, ACME account key, EAB key, DNS01 or Vault/Venafi credentials) is not.',
    why: "Issuer Secrets live in the Issuer's namespace and ClusterIssuer Secrets in cert-manager's cluster resource namespace. Without them a CA issuer is not Ready, an ACME issuer registers a new account (an EAB key cannot be recreated), and DNS01 solving fails.",
    fix: "Include the issuer's namespace (for ClusterIssuers the cluster resource namespace, default `cert-manager`) and `secrets` in the backup, or install the plugin, which adds issuer Secrets.",
    links: ['https://cert-manager.io/docs/configuration/#cluster-resource-namespace', CM_BACKUP],
    examples: [
      {
        bad: 'velero-cm-preflight audit nightly.tar.gz   # backup made with --exclude-namespaces cert-manager',
        good: 'velero-cm-preflight audit nightly.tar.gz   # backup that keeps the cert-manager namespace (its issuer Secrets)',
      },
    ],
    plugin: 'its backup action adds the Secrets every Issuer and ClusterIssuer references',
  },
  check: noSubjectCheck,
};

export const backupCertificateIssuerMissing: Rule = {
  meta: {
    id: 'CMV104',
    name: 'backup-certificate-issuer-missing',
    severity: 'warning',
    appliesTo: APPLIES,
    summary: "A Certificate's issuerRef names a cert-manager Issuer or ClusterIssuer that is not in the backup.",
    why: 'On a fresh cluster the restored Certificate waits forever for its issuer (or is issued again by an issuer created later, with a different key or CA).',
    fix: "Back up ClusterIssuers (`--include-cluster-resources=true`) and the Issuers of every backed-up namespace, or install the plugin, which adds each Certificate's issuer.",
    links: [CM_BACKUP],
    examples: [
      {
        bad: 'velero-cm-preflight audit nightly.tar.gz   # backup made with --include-namespaces app',
        good: 'velero-cm-preflight audit nightly.tar.gz   # backup made with --include-namespaces app --include-cluster-resources=true',
      },
    ],
    plugin: "its backup action adds each Certificate's Issuer or ClusterIssuer",
  },
  check: noSubjectCheck,
};

export const backupEphemeralKinds: Rule = {
  meta: {
    id: 'CMV105',
    name: 'backup-ephemeral-kinds',
    severity: 'warning',
    appliesTo: APPLIES,
    summary: 'The backup holds CertificateRequests, Orders or Challenges.',
    why: 'Restored without status or owner, a CertificateRequest is approved and signed again (new ACME orders) and can block the next issuance of its Certificate (AlreadyExists on `<name>-1`); a restored Order places a new ACME order; Challenges belong to the old ACME account state.',
    fix: 'Restore with `--exclude-resources challenges.acme.cert-manager.io,orders.acme.cert-manager.io,certificaterequests.cert-manager.io`, or install the plugin, which skips them on restore.',
    links: [CM_BACKUP],
    examples: [
      {
        bad: 'velero-cm-preflight audit nightly.tar.gz   # backup made without excluding orders, challenges, certificaterequests',
        good: 'velero-cm-preflight audit nightly.tar.gz   # backup made with --exclude-resources challenges.acme.cert-manager.io,orders.acme.cert-manager.io,certificaterequests.cert-manager.io',
      },
    ],
    plugin: 'its restore action skips CertificateRequests, Orders and Challenges',
  },
  check: noSubjectCheck,
};

export const backupShimCertificates: Rule = {
  meta: {
    id: 'CMV106',
    name: 'backup-shim-certificates',
    severity: 'warning',
    appliesTo: APPLIES,
    summary:
      'The backup holds Certificates created by ingress-shim or gateway-shim (controlled by an Ingress, Gateway or ListenerSet).',
    why: "Velero strips ownerReferences on restore, so the restored Certificate is no longer the shim's: later changes to the Ingress or Gateway are silently ignored, and the shim cannot create its own Certificate because the name is taken.",
    fix: 'Restore in two steps (first with `--exclude-resources certificates.cert-manager.io`, then the rest), delete the orphaned Certificates after the restore (`velero-cm-preflight doctor`), or install the plugin, which skips them on restore so the shim recreates them.',
    links: ['https://cert-manager.io/docs/usage/ingress/'],
    examples: [
      {
        bad: 'velero-cm-preflight audit nightly.tar.gz   # an Ingress with cert-manager.io/cluster-issuer and its Certificate',
        good: 'velero-cm-preflight audit nightly.tar.gz   # restored in two steps, or with the plugin installed (it skips shim Certificates)',
      },
    ],
    plugin:
      'its restore action skips shim-owned Certificates; the shim recreates them from the restored Ingress or Gateway',
  },
  check: noSubjectCheck,
};

export const backupWebhookConfigurations: Rule = {
  meta: {
    id: 'CMV107',
    name: 'backup-webhook-configurations',
    severity: 'info',
    appliesTo: APPLIES,
    summary: "Whether cert-manager's Validating/MutatingWebhookConfigurations are in the backup.",
    why: 'Present: restoring them before the webhook Deployment is Ready blocks every cert-manager write (failurePolicy Fail) until it is. Absent: the restore relies on cert-manager being installed (Helm) on the target cluster.',
    fix: "Either restore cert-manager's installation with the backup (webhook configurations, RBAC, Deployments) or reinstall it with Helm first and restore only its custom resources and Secrets.",
    links: [CM_BACKUP],
    examples: [
      {
        bad: 'velero-cm-preflight audit nightly.tar.gz   # backup made with --include-namespaces app (no cluster-scoped types)',
        good: 'velero-cm-preflight audit nightly.tar.gz   # backup made with --include-cluster-resources=true, or cert-manager reinstalled with Helm before the restore',
      },
    ],
  },
  check: noSubjectCheck,
};

export const backupCertManagerRbac: Rule = {
  meta: {
    id: 'CMV108',
    name: 'backup-cert-manager-rbac',
    severity: 'info',
    appliesTo: APPLIES,
    summary: "Whether cert-manager's ClusterRoles and ClusterRoleBindings are in the backup.",
    why: 'Without its RBAC a restored cert-manager Deployment cannot work (the webhook never becomes Ready); a backup made with a namespace filter drops them.',
    fix: 'Back up with `--include-cluster-resources=true`, or reinstall cert-manager with Helm before the restore.',
    links: [CM_BACKUP],
    examples: [
      {
        bad: 'velero-cm-preflight audit nightly.tar.gz   # backup made with --include-namespaces app (no ClusterRoles)',
        good: 'velero-cm-preflight audit nightly.tar.gz   # backup made with --include-cluster-resources=true',
      },
    ],
  },
  check: noSubjectCheck,
};

export const backupNoCertManager: Rule = {
  meta: {
    id: 'CMV109',
    name: 'backup-no-cert-manager',
    severity: 'warning',
    appliesTo: APPLIES,
    summary: 'The backup holds no cert-manager object at all.',
    why: 'If cert-manager runs in the backed-up cluster, its Certificates, issuers and Secrets were all filtered out.',
    fix: "Check the backup's filters with `velero-cm-preflight -- velero backup create ...`.",
    links: [CM_BACKUP],
    examples: [
      {
        bad: 'velero-cm-preflight audit nightly.tar.gz   # backup made with --include-resources deployments',
        good: 'velero-cm-preflight audit nightly.tar.gz   # backup whose filters keep Certificates, Issuers and their Secrets',
      },
    ],
  },
  check: noSubjectCheck,
};

export const AUDIT_RULES: readonly Rule[] = [
  backupCrdsMissing,
  backupCertificateSecretMissing,
  backupIssuerSecretMissing,
  backupCertificateIssuerMissing,
  backupEphemeralKinds,
  backupShimCertificates,
  backupWebhookConfigurations,
  backupCertManagerRbac,
  backupNoCertManager,
];

/**
 * Rules of cluster mode (`velero-cm-preflight --cluster`): the command line or manifest evaluated against the
 * live cert-manager and Velero installations. Registered with the offline rules for docs and configuration;
 * evaluate.ts reports them.
 */
import type { Rule } from '../rules/types.js';
import { noSubjectCheck } from '../audit/findings.js';

const APPLIES = ['--cluster: backup create, schedule create, Backup and Schedule manifests'];
const CM_BACKUP = 'https://cert-manager.io/docs/devops-tips/backup/';

export const clusterSecretLeftOut: Rule = {
  meta: {
    id: 'CMV201',
    name: 'cluster-secret-left-out',
    severity: 'error',
    appliesTo: APPLIES,
    summary: 'A Secret that a backed-up Certificate, Issuer or ClusterIssuer needs would be left out of the backup.',
    why: 'The backup would hold the cert-manager object but not its Secret: a Certificate is issued again on restore (new key, ACME rate limits), an issuer is not Ready (a CA issuer with a new CA breaks trust, an ACME issuer registers a new account).',
    fix: 'Include the Secret\'s namespace and the `secrets` resource (and make sure a label selector matches it), or set `forceSecrets: "true"` in the plugin configuration so the plugin forces referenced Secrets into the backup.',
    links: [CM_BACKUP],
    examples: [
      {
        bad: 'velero-cm-preflight --cluster -- velero backup create b --include-namespaces app --include-cluster-resources=true',
        good: 'velero-cm-preflight --cluster -- velero backup create b --include-namespaces app,cert-manager --include-cluster-resources=true',
      },
    ],
    plugin: 'with forceSecrets: "true" in its configuration it forces every referenced Secret into the backup',
  },
  check: noSubjectCheck,
};

export const clusterIssuerLeftOut: Rule = {
  meta: {
    id: 'CMV202',
    name: 'cluster-issuer-left-out',
    severity: 'error',
    appliesTo: APPLIES,
    summary: 'A backed-up Certificate is issued by a ClusterIssuer (or Issuer) the backup would leave out.',
    why: 'Restored onto a fresh cluster the Certificate waits for an issuer that never comes back, or is re-issued by a different one created later.',
    fix: "Back up cluster resources (`--include-cluster-resources=true` or `--include-cluster-scoped-resources=clusterissuers.cert-manager.io,...`), or install the plugin, which adds each Certificate's issuer.",
    links: [CM_BACKUP],
    examples: [
      {
        bad: 'velero-cm-preflight --cluster -- velero backup create b --include-namespaces app',
        good: 'velero-cm-preflight --cluster -- velero backup create b --include-namespaces app,cert-manager --include-cluster-resources=true',
      },
    ],
    plugin: "its backup action adds each Certificate's issuer as an additional item",
  },
  check: noSubjectCheck,
};

export const clusterCrdLeftOut: Rule = {
  meta: {
    id: 'CMV203',
    name: 'cluster-crd-left-out',
    severity: 'warning',
    appliesTo: APPLIES,
    summary:
      'Installed cert-manager CRDs the backup would leave out (Velero adds CRDs only for types with backed-up objects).',
    why: 'Restored onto a fresh cluster, cert-manager objects of a type whose CRD is missing cannot be created, and cert-manager itself cannot start its controllers for the missing types.',
    fix: 'Back up all CRDs (`--include-cluster-resources=true`), or install cert-manager with its CRDs before restoring, or install the plugin, which forces every cert-manager CRD into the backup.',
    links: [CM_BACKUP],
    examples: [
      {
        bad: 'velero-cm-preflight --cluster -- velero backup create b --include-namespaces app',
        good: 'velero-cm-preflight --cluster -- velero backup create b --include-namespaces app --include-cluster-resources=true',
      },
    ],
    plugin: 'its backup action forces every cert-manager CRD into the backup',
  },
  check: noSubjectCheck,
};

export const clusterNamespaceLeftOut: Rule = {
  meta: {
    id: 'CMV204',
    name: 'cluster-namespace-left-out',
    severity: 'warning',
    appliesTo: APPLIES,
    catalogue: 'B12',
    summary:
      'A namespace holding cert-manager objects would be left out, or carries `velero.io/exclude-from-backup=true`.',
    why: 'Its Certificates, Issuers and Secrets are not backed up. A namespace labelled `velero.io/exclude-from-backup=true` also makes a "full" backup namespace-filtered, which drops cluster-scoped resources (ClusterIssuers, CRDs without instances, webhook configurations).',
    fix: 'Include the namespace, or remove the label; add `--include-cluster-resources=true` to keep cluster-scoped resources.',
    links: ['https://velero.io/docs/main/resource-filtering/#veleroioexclude-from-backuptrue'],
    examples: [
      {
        bad: 'velero-cm-preflight --cluster -- velero backup create full',
        good: 'velero-cm-preflight --cluster -- velero backup create full --include-cluster-resources=true   # and no namespace labelled velero.io/exclude-from-backup holds cert-manager objects',
      },
    ],
  },
  check: noSubjectCheck,
};

export const clusterVeleroInstallation: Rule = {
  meta: {
    id: 'CMV205',
    name: 'cluster-velero-installation',
    severity: 'info',
    appliesTo: ['--cluster'],
    summary:
      'The Velero server found in the cluster: version, plugins, and whether velero-plugin-for-cert-manager is installed (a warning when no Velero server is found).',
    why: 'Version and plugin awareness of every other rule come from here: they decide restore priorities, namespace globs and which findings the plugin handles.',
    fix: 'Install Velero, or pass --velero-version and --plugin-installed when checking against another cluster.',
    links: ['https://velero.io/docs/main/basic-install/'],
    examples: [
      {
        bad: 'velero-cm-preflight --cluster -- velero backup create b   # kubeconfig points at a cluster without Velero',
        good: 'velero-cm-preflight --cluster --context prod -- velero backup create b --include-cluster-resources=true',
      },
    ],
  },
  check: noSubjectCheck,
};

export const clusterCertManagerInstallation: Rule = {
  meta: {
    id: 'CMV206',
    name: 'cluster-cert-manager-installation',
    severity: 'info',
    appliesTo: ['--cluster'],
    summary:
      'The cert-manager installation found in the cluster: its namespace and cluster resource namespace (a warning when none is found).',
    why: 'ClusterIssuer Secrets live in the cluster resource namespace; the offline rules use it to check the namespace filters.',
    fix: 'Nothing to fix when the values are right; pass --cluster-resource-namespace to override.',
    links: ['https://cert-manager.io/docs/configuration/#cluster-resource-namespace'],
    examples: [
      {
        bad: 'velero-cm-preflight --cluster -- velero backup create b   # cert-manager not found in the cluster',
        good: 'velero-cm-preflight --cluster --cluster-resource-namespace security -- velero backup create b --include-cluster-resources=true',
      },
    ],
  },
  check: noSubjectCheck,
};

export const CLUSTER_RULES: readonly Rule[] = [
  clusterSecretLeftOut,
  clusterIssuerLeftOut,
  clusterCrdLeftOut,
  clusterNamespaceLeftOut,
  clusterVeleroInstallation,
  clusterCertManagerInstallation,
];

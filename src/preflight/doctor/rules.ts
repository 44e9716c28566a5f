/**
 * Rules of `velero-cm-preflight doctor`: damage a restore without the plugin leaves in a live cluster.
 * Registered with the offline rules for docs and configuration; diagnose.ts reports them.
 */
import type { Rule } from '../rules/types.js';
import { noSubjectCheck } from '../audit/findings.js';

const APPLIES = ['doctor'];
const CM_BACKUP = 'https://cert-manager.io/docs/devops-tips/backup/';

export const doctorOrphanCertificateRequest: Rule = {
  meta: {
    id: 'CMV301',
    name: 'doctor-orphan-certificaterequest',
    severity: 'error',
    appliesTo: APPLIES,
    summary:
      "A CertificateRequest without an owner (restored by Velero, which strips ownerReferences); an error when its name is the one cert-manager will use for its Certificate's next request.",
    why: 'A restored Certificate starts at revision 1 again and cert-manager creates its next request as `<certificate>-<revision>`: a leftover request of that name makes the creation fail with AlreadyExists and renewal is stuck. Other orphans are approved and signed again (new ACME orders) and are never garbage-collected.',
    fix: 'Delete the orphaned CertificateRequests (`doctor --apply` runs the printed `kubectl delete` commands); exclude certificaterequests.cert-manager.io from future restores.',
    links: [CM_BACKUP],
    examples: [
      {
        bad: 'velero-cm-preflight doctor   # after a restore that brought back CertificateRequests',
        good: 'velero-cm-preflight doctor   # after a restore made with --exclude-resources certificaterequests.cert-manager.io,orders.acme.cert-manager.io,challenges.acme.cert-manager.io',
      },
    ],
  },
  check: noSubjectCheck,
};

export const doctorShimCertificateNotOwned: Rule = {
  meta: {
    id: 'CMV302',
    name: 'doctor-shim-certificate-not-owned',
    severity: 'warning',
    appliesTo: APPLIES,
    summary: 'A Certificate named after the TLS Secret of an annotated Ingress or Gateway is not controlled by it.',
    why: 'ingress-shim and gateway-shim only manage Certificates they control (owner UID). A restored Certificate has no owner reference, so changes to the Ingress or Gateway are silently ignored and the shim cannot create its own Certificate.',
    fix: 'Delete the Certificate: the shim recreates it at once with the right owner, and the existing Secret prevents a re-issuance.',
    links: ['https://cert-manager.io/docs/usage/ingress/'],
    examples: [
      {
        bad: 'velero-cm-preflight doctor   # after restoring Ingresses and their shim Certificates together',
        good: 'velero-cm-preflight doctor   # after restoring the Ingresses without their shim Certificates (ingress-shim recreated them)',
      },
    ],
  },
  check: noSubjectCheck,
};

export const doctorCertificateSecretMismatch: Rule = {
  meta: {
    id: 'CMV303',
    name: 'doctor-certificate-secret-mismatch',
    severity: 'error',
    appliesTo: APPLIES,
    summary:
      "A Certificate's Secret is missing, or its cert-manager annotations do not match the Certificate (issuer name, kind or group, certificate name).",
    why: "cert-manager issues the Certificate again (new private key, new ACME order) when its Secret is missing or when the Secret's issuer annotations do not match `spec.issuerRef`.",
    fix: 'Restore the Secret from the backup before cert-manager acts (`velero restore create --from-backup B --include-namespaces NS --include-resources secrets`), or accept the re-issuance.',
    links: [CM_BACKUP],
    examples: [
      {
        bad: 'velero-cm-preflight doctor   # after a restore made with --exclude-resources secrets',
        good: 'velero-cm-preflight doctor   # after a restore that brought the TLS Secrets back with their Certificates',
      },
    ],
  },
  check: noSubjectCheck,
};

export const doctorIssuerSecretMissing: Rule = {
  meta: {
    id: 'CMV304',
    name: 'doctor-issuer-secret-missing',
    severity: 'error',
    appliesTo: APPLIES,
    summary:
      'An Issuer or ClusterIssuer references a Secret that does not exist (it will not be Ready, or an ACME issuer registers a new account).',
    why: 'CA key pairs, ACME account keys, EAB keys and DNS01 or Vault credentials cannot be regenerated without consequences: a new CA breaks trust, a new ACME account loses rate-limit history and authorizations.',
    fix: "Restore the Secret from the backup (the issuer's namespace; for ClusterIssuers the cluster resource namespace).",
    links: ['https://cert-manager.io/docs/configuration/#cluster-resource-namespace'],
    examples: [
      {
        bad: 'velero-cm-preflight doctor   # after a restore that left out the cert-manager namespace',
        good: 'velero-cm-preflight doctor   # after a restore that included the Secrets issuers reference',
      },
    ],
  },
  check: noSubjectCheck,
};

export const doctorAcmeWithoutStatus: Rule = {
  meta: {
    id: 'CMV305',
    name: 'doctor-acme-without-status',
    severity: 'warning',
    appliesTo: APPLIES,
    summary: 'An Order or Challenge without status and without owner: restored by Velero.',
    why: 'A restored Order without status makes cert-manager place a new ACME order; a restored Challenge belongs to the old account state and its finalizer can block namespace deletion.',
    fix: "Delete them (a Challenge's finalizer is removed first, since its solver state is gone); `doctor --apply` runs the printed commands.",
    links: [CM_BACKUP],
    examples: [
      {
        bad: 'velero-cm-preflight doctor   # after a restore that brought back Orders and Challenges',
        good: 'velero-cm-preflight doctor   # after a restore made with --exclude-resources orders.acme.cert-manager.io,challenges.acme.cert-manager.io',
      },
    ],
  },
  check: noSubjectCheck,
};

export const DOCTOR_RULES: readonly Rule[] = [
  doctorOrphanCertificateRequest,
  doctorShimCertificateNotOwned,
  doctorCertificateSecretMismatch,
  doctorIssuerSecretMissing,
  doctorAcmeWithoutStatus,
];

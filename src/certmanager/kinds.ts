/**
 * cert-manager's API surface as the plugin and the preflight need it: groups, kinds, plural resources
 * and CRD names. Everything else in the project that names a cert-manager type imports it from here.
 * Source: ../shared/docs/cert-manager-facts.md section 1.
 */

export const CERT_MANAGER_GROUP = 'cert-manager.io';
/** @public Part of the cert-manager API surface this module documents, though no module names the group yet. */
export const ACME_GROUP = 'acme.cert-manager.io';

export interface CertManagerType {
  group: string;
  kind: string;
  /** Plural lowercase resource, as Velero's ResourceIdentifier wants it. */
  resource: string;
  namespaced: boolean;
}

export const CERTIFICATE: CertManagerType = {
  group: CERT_MANAGER_GROUP,
  kind: 'Certificate',
  resource: 'certificates',
  namespaced: true,
};
export const CERTIFICATE_REQUEST: CertManagerType = {
  group: CERT_MANAGER_GROUP,
  kind: 'CertificateRequest',
  resource: 'certificaterequests',
  namespaced: true,
};
export const ISSUER: CertManagerType = {
  group: CERT_MANAGER_GROUP,
  kind: 'Issuer',
  resource: 'issuers',
  namespaced: true,
};
export const CLUSTER_ISSUER: CertManagerType = {
  group: CERT_MANAGER_GROUP,
  kind: 'ClusterIssuer',
  resource: 'clusterissuers',
  namespaced: false,
};
export const ORDER: CertManagerType = { group: ACME_GROUP, kind: 'Order', resource: 'orders', namespaced: true };
export const CHALLENGE: CertManagerType = {
  group: ACME_GROUP,
  kind: 'Challenge',
  resource: 'challenges',
  namespaced: true,
};

export const ALL_TYPES: readonly CertManagerType[] = [
  CERTIFICATE,
  CERTIFICATE_REQUEST,
  ISSUER,
  CLUSTER_ISSUER,
  ORDER,
  CHALLENGE,
];

/** Kinds that cert-manager recreates on its own and that must never be backed up or restored. */
export const EPHEMERAL_TYPES: readonly CertManagerType[] = [ORDER, CHALLENGE, CERTIFICATE_REQUEST];

/** `resource.group`, the form Velero's selectors and CLI flags use. */
export function groupResource(type: Pick<CertManagerType, 'group' | 'resource'>): string {
  return type.group === '' ? type.resource : `${type.resource}.${type.group}`;
}

/** The six CustomResourceDefinition names, which are also the `resource.group` strings. */
export const CRD_NAMES: readonly string[] = ALL_TYPES.map(groupResource);

/** The API group of an `apiVersion` string ("cert-manager.io/v1" -> "cert-manager.io", "v1" -> ""). */
export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The cert-manager type of an object given its apiVersion and kind, if it is one. */
export function certManagerTypeOf(apiVersion: string, kind: string): CertManagerType | undefined {
  const group = apiGroupOf(apiVersion);
  return ALL_TYPES.find((t) => t.group === group && t.kind === kind);
}

/** True for Orders, Challenges and CertificateRequests (what the plugin keeps out of backups and restores). */
export function isEphemeral(item: { apiVersion: string; kind: string }): boolean {
  const type = certManagerTypeOf(item.apiVersion, item.kind);
  return type !== undefined && EPHEMERAL_TYPES.includes(type);
}

/** True for CertificateRequests, which the `keepCertificateRequests` configuration switch keeps. */
export function isCertificateRequest(item: { apiVersion: string; kind: string }): boolean {
  return certManagerTypeOf(item.apiVersion, item.kind) === CERTIFICATE_REQUEST;
}

/**
 * Copying cert-manager's configuration from one cluster to another without a backup tool: which objects make
 * up the configuration (Issuers, ClusterIssuers, Certificates, and every Secret and ServiceAccount they
 * reference), which fields only the source's API server and controllers set, and the order to apply them in.
 * Pure; the references come from references.ts, the same tables the plugin's backup actions read, so the two
 * cannot disagree about which Secrets an issuer needs.
 */
import type { KubeObject } from '../host/action.js';
import { CERT_MANAGER_GROUP, CERTIFICATE, CLUSTER_ISSUER, ISSUER, apiGroupOf } from './kinds.js';
import { isObject } from './object-access.js';
import {
  certificateIssuerReference,
  certificateSecretReferences,
  isCertManagerIssuer,
  issuerSecretReferences,
  issuerServiceAccountReferences,
} from './references.js';

/** Metadata the source cluster's API server or controllers set, meaningless (or refused) in another cluster. */
const SERVER_SET_METADATA: readonly string[] = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
  'ownerReferences',
];

/** A copy of `object` without status and without the server-set metadata fields. */
export function withoutServerFields<T extends KubeObject>(object: T): T {
  const copy: Record<string, unknown> = { ...object };
  delete copy.status;
  copy.metadata = Object.fromEntries(
    Object.entries(object.metadata).filter(([field]) => !SERVER_SET_METADATA.includes(field)),
  );
  return copy as T;
}

/** The kinds a configuration copy holds, in the order they are applied. */
export type CopiedKind = 'Secret' | 'ServiceAccount' | 'ClusterIssuer' | 'Issuer' | 'Certificate';

/**
 * Apply stages: Secrets and ServiceAccounts first (an issuer applied before its Secret goes not-Ready, a
 * Certificate applied before its Secret is issued anew), then the issuers, then the Certificates.
 */
export const APPLY_STAGES: readonly (readonly CopiedKind[])[] = [
  ['Secret', 'ServiceAccount'],
  ['ClusterIssuer', 'Issuer'],
  ['Certificate'],
];

/** The kind of a configuration object, or undefined for anything a configuration copy does not hold. */
export function copiedKindOf(object: { apiVersion?: unknown; kind?: unknown }): CopiedKind | undefined {
  if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') return undefined;
  if (object.apiVersion === 'v1' && (object.kind === 'Secret' || object.kind === 'ServiceAccount')) return object.kind;
  if (apiGroupOf(object.apiVersion) !== CERT_MANAGER_GROUP) return undefined;
  for (const type of [CLUSTER_ISSUER, ISSUER, CERTIFICATE])
    if (object.kind === type.kind) return type.kind as CopiedKind;
  return undefined;
}

/** The stage (index into APPLY_STAGES) of a kind. */
export function applyStageOf(kind: CopiedKind): number {
  return APPLY_STAGES.findIndex((stage) => stage.includes(kind));
}

/** A Secret or ServiceAccount the configuration needs, with every field that names it. */
export interface Dependency {
  kind: 'Secret' | 'ServiceAccount';
  namespace: string;
  name: string;
  /** `Kind namespace/name field`, one per referencing field, for messages. */
  referencedBy: string[];
  /** Only a Certificate's own Secret (its issued key pair): optional, copying it avoids a reissue. */
  certificateSecret: boolean;
  /**
   * Only an ACME account key: cert-manager creates it when it registers the account, so its absence costs a new
   * account registration, not a broken issuer.
   */
  acmeAccountKey: boolean;
}

const ACME_ACCOUNT_KEY_FIELD = 'spec.acme.privateKeySecretRef';

function describe(object: KubeObject): string {
  const ns = object.metadata.namespace;
  return `${object.kind} ${ns ? `${ns}/` : ''}${object.metadata.name ?? ''}`;
}

/**
 * Every Secret and ServiceAccount the issuers and Certificates reference, each once: issuer references resolve
 * in the issuer's namespace (a ClusterIssuer's in the cluster resource namespace); Certificate references
 * (keystore passwords always; `spec.secretName` only with `withCertificateSecrets`) in the Certificate's.
 */
export function configurationDependencies(
  objects: readonly KubeObject[],
  clusterResourceNamespace: string,
  withCertificateSecrets: boolean,
): Dependency[] {
  const found = new Map<string, Dependency>();
  const add = (kind: Dependency['kind'], namespace: string, name: string, by: string, certificateSecret: boolean) => {
    const key = `${kind}\u0000${namespace}\u0000${name}`;
    const known = found.get(key);
    const acmeAccountKey = by.endsWith(` ${ACME_ACCOUNT_KEY_FIELD}`);
    if (known) {
      known.referencedBy.push(by);
      // Needed for any other reason makes it more than a Certificate's optional key pair or an account key.
      known.certificateSecret &&= certificateSecret;
      known.acmeAccountKey &&= acmeAccountKey;
    } else found.set(key, { kind, namespace, name, referencedBy: [by], certificateSecret, acmeAccountKey });
  };
  for (const object of objects) {
    const kind = copiedKindOf(object);
    if (kind === 'Issuer' || kind === 'ClusterIssuer') {
      const namespace = kind === 'ClusterIssuer' ? clusterResourceNamespace : (object.metadata.namespace ?? '');
      for (const ref of issuerSecretReferences(object))
        add('Secret', namespace, ref.name, `${describe(object)} ${ref.field}`, false);
      for (const ref of issuerServiceAccountReferences(object))
        add('ServiceAccount', namespace, ref.name, `${describe(object)} ${ref.field}`, false);
    } else if (kind === 'Certificate') {
      const namespace = object.metadata.namespace ?? '';
      for (const ref of certificateSecretReferences(object)) {
        const own = ref.field === 'spec.secretName';
        if (own && !withCertificateSecrets) continue;
        add('Secret', namespace, ref.name, `${describe(object)} ${ref.field}`, own);
      }
    }
  }
  return [...found.values()];
}

/** The cert-manager issuer a Certificate names, as `Kind name` with its namespace for an Issuer. */
export function certificateIssuer(
  certificate: KubeObject,
): { kind: 'Issuer' | 'ClusterIssuer'; namespace: string; name: string } | undefined {
  const ref = certificateIssuerReference(certificate);
  if (!ref || !isCertManagerIssuer(ref)) return undefined;
  return ref.kind === CLUSTER_ISSUER.kind
    ? { kind: 'ClusterIssuer', namespace: '', name: ref.name }
    : { kind: 'Issuer', namespace: certificate.metadata.namespace ?? '', name: ref.name };
}

/** Sort key of a configuration object: apply stage, kind, namespace, name. */
export function compareForApply(a: KubeObject, b: KubeObject): number {
  const ka = copiedKindOf(a);
  const kb = copiedKindOf(b);
  const stage = (ka ? applyStageOf(ka) : 99) - (kb ? applyStageOf(kb) : 99);
  return (
    stage ||
    a.kind.localeCompare(b.kind) ||
    (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') ||
    (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '')
  );
}

/** True when `value` has the shape of a Kubernetes object (apiVersion, kind, metadata.name as strings). */
export function isNamedObject(value: unknown): value is KubeObject {
  return (
    isObject(value) &&
    typeof value.apiVersion === 'string' &&
    typeof value.kind === 'string' &&
    isObject(value.metadata) &&
    typeof value.metadata.name === 'string' &&
    value.metadata.name !== ''
  );
}

/**
 * ingress-shim and gateway-shim: which Certificates they own, which objects they watch, and what those
 * objects reference (../shared/docs/cert-manager-facts.md section 4).
 *
 * A shim Certificate carries one controller owner reference to an Ingress (networking.k8s.io), a
 * Gateway or a ListenerSet (gateway.networking.k8s.io). The shim only ever updates Certificates it
 * controls by UID, so a restored copy (Velero strips owner references) is an orphan the shim refuses to
 * touch: such Certificates are skipped, and the shim recreates them from the restored owner.
 */
import type { KubeObject, OwnerReference } from '../host/action.js';
import { CERT_MANAGER_GROUP, CLUSTER_ISSUER, ISSUER, apiGroupOf } from './kinds.js';
import type { IssuerReference } from './references.js';
import { arrayAt, objectAt, stringAt } from './object-access.js';

const INGRESS_GROUP = 'networking.k8s.io';
const GATEWAY_GROUP = 'gateway.networking.k8s.io';

interface ShimOwnerKind {
  kind: string;
  /** API groups the owner may carry: the current one first, then older ones seen in long-lived backups. */
  groups: readonly string[];
}

const SHIM_OWNER_KINDS: readonly ShimOwnerKind[] = [
  { kind: 'Ingress', groups: [INGRESS_GROUP, 'extensions'] },
  { kind: 'Gateway', groups: [GATEWAY_GROUP] },
  { kind: 'ListenerSet', groups: [GATEWAY_GROUP, 'gateway.networking.x-k8s.io'] },
];

const ANNOTATION_ISSUER = 'cert-manager.io/issuer';
const ANNOTATION_CLUSTER_ISSUER = 'cert-manager.io/cluster-issuer';
const ANNOTATION_ISSUER_KIND = 'cert-manager.io/issuer-kind';
const ANNOTATION_ISSUER_GROUP = 'cert-manager.io/issuer-group';
/** ingress-shim's default "auto certificate" annotation (flag --auto-certificate-annotations). */
const ANNOTATION_TLS_ACME = 'kubernetes.io/tls-acme';

function isShimOwnerKind(apiVersion: string, kind: string): boolean {
  const group = apiGroupOf(apiVersion);
  return SHIM_OWNER_KINDS.some((owner) => owner.kind === kind && owner.groups.includes(group));
}

/**
 * The Ingress, Gateway or ListenerSet that controls this Certificate, if any. Only the controller
 * reference counts (the shim sets exactly one with controller: true); other owners and non-controller
 * references leave the Certificate user-managed.
 */
export function shimOwnerOf(certificate: KubeObject): OwnerReference | undefined {
  const controller = (certificate.metadata.ownerReferences ?? []).find((ref) => ref.controller === true);
  if (!controller) return undefined;
  return isShimOwnerKind(controller.apiVersion, controller.kind) ? controller : undefined;
}

/** `Kind namespace/name` of a shim owner, for log lines. */
export function describeOwner(owner: OwnerReference, namespace: string | undefined): string {
  return `${owner.kind} ${namespace ? `${namespace}/` : ''}${owner.name}`;
}

/** True for Ingress, Gateway and ListenerSet objects (the kinds the shims watch). */
export function isIngressLike(item: KubeObject): boolean {
  return isShimOwnerKind(item.apiVersion, item.kind);
}

/** True when the shim would create Certificates for this Ingress, Gateway or ListenerSet. */
export function hasShimAnnotations(item: KubeObject): boolean {
  const annotations = item.metadata.annotations ?? {};
  if (annotations[ANNOTATION_ISSUER] || annotations[ANNOTATION_CLUSTER_ISSUER]) return true;
  return item.kind === 'Ingress' && parseBool(annotations[ANNOTATION_TLS_ACME]);
}

/** Go's strconv.ParseBool true values, which the shim uses for auto-certificate annotations. */
function parseBool(value: string | undefined): boolean {
  return value !== undefined && ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value);
}

/**
 * The issuer a shim-annotated object asks for, or undefined when it names none (the shim's default
 * issuer applies then, which lives in the controller's flags, not on the object).
 */
export function shimIssuerReference(item: KubeObject): IssuerReference | undefined {
  const annotations = item.metadata.annotations ?? {};
  const clusterIssuer = annotations[ANNOTATION_CLUSTER_ISSUER];
  if (clusterIssuer) return { name: clusterIssuer, kind: CLUSTER_ISSUER.kind, group: CERT_MANAGER_GROUP };
  const issuer = annotations[ANNOTATION_ISSUER];
  if (!issuer) return undefined;
  return {
    name: issuer,
    kind: nonEmpty(annotations[ANNOTATION_ISSUER_KIND]) ?? ISSUER.kind,
    group: nonEmpty(annotations[ANNOTATION_ISSUER_GROUP]) ?? CERT_MANAGER_GROUP,
  };
}

/** The shim treats an empty annotation like an absent one. */
function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

export interface TlsSecretReference {
  namespace: string;
  name: string;
  field: string;
}

/**
 * The TLS Secrets an Ingress (`spec.tls[].secretName`) or a Gateway / ListenerSet
 * (`spec.listeners[].tls.certificateRefs[]` of kind Secret in the core group) names. These are the
 * Secrets the shim's Certificates write to; restoring them first avoids a re-issuance.
 */
export function ingressLikeTlsSecrets(item: KubeObject): TlsSecretReference[] {
  const namespace = item.metadata.namespace ?? '';
  const refs: TlsSecretReference[] = [];
  if (item.kind === 'Ingress') {
    arrayAt(item, 'spec', 'tls').forEach((tls, index) => {
      const name = stringAt(tls, 'secretName');
      if (name !== undefined) refs.push({ namespace, name, field: `spec.tls[${index}].secretName` });
    });
  } else {
    arrayAt(item, 'spec', 'listeners').forEach((listener, listenerIndex) => {
      arrayAt(objectAt(listener, 'tls'), 'certificateRefs').forEach((ref, refIndex) => {
        const name = stringAt(ref, 'name');
        const kind = stringAt(ref, 'kind') ?? 'Secret';
        const group = stringAt(ref, 'group') ?? '';
        if (name === undefined || kind !== 'Secret' || group !== '') return;
        refs.push({
          namespace: stringAt(ref, 'namespace') ?? namespace,
          name,
          field: `spec.listeners[${listenerIndex}].tls.certificateRefs[${refIndex}]`,
        });
      });
    });
  }
  const seen = new Set<string>();
  return refs.filter((ref) => {
    const key = `${ref.namespace}/${ref.name}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

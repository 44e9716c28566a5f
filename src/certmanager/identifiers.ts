/**
 * Velero ResourceIdentifiers for the objects cert-manager depends on: canonical API group ("" for
 * core), plural lowercase resource, namespace ("" for cluster-scoped). On restore, pass the namespace
 * as it is in the backup; Velero applies namespace mappings itself.
 */
import type { ResourceIdentifier } from '../host/action.js';
import { CLUSTER_ISSUER, CRD_NAMES, ISSUER } from './kinds.js';

const SECRETS = { group: '', resource: 'secrets' } as const;
export const SERVICE_ACCOUNTS = { group: '', resource: 'serviceaccounts' } as const;
const CRDS = { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' } as const;
export const ROLES = { group: 'rbac.authorization.k8s.io', resource: 'roles' } as const;
export const ROLE_BINDINGS = { group: 'rbac.authorization.k8s.io', resource: 'rolebindings' } as const;
export const CLUSTER_ROLES = { group: 'rbac.authorization.k8s.io', resource: 'clusterroles' } as const;
export const CLUSTER_ROLE_BINDINGS = { group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings' } as const;
export const VALIDATING_WEBHOOK_CONFIGURATIONS = {
  group: 'admissionregistration.k8s.io',
  resource: 'validatingwebhookconfigurations',
} as const;
export const MUTATING_WEBHOOK_CONFIGURATIONS = {
  group: 'admissionregistration.k8s.io',
  resource: 'mutatingwebhookconfigurations',
} as const;

interface GroupResource {
  readonly group: string;
  readonly resource: string;
}

export function identifier(type: GroupResource, namespace: string, name: string): ResourceIdentifier {
  return { group: type.group, resource: type.resource, namespace, name };
}

export function secretId(namespace: string, name: string): ResourceIdentifier {
  return identifier(SECRETS, namespace, name);
}

export function serviceAccountId(namespace: string, name: string): ResourceIdentifier {
  return identifier(SERVICE_ACCOUNTS, namespace, name);
}

/** The six cert-manager CRDs, cluster-scoped. */
export function crdIdentifiers(): ResourceIdentifier[] {
  return CRD_NAMES.map((name) => identifier(CRDS, '', name));
}

/** The identifier of an Issuer (in `namespace`) or a ClusterIssuer (cluster-scoped). */
export function issuerId(kind: string, name: string, namespace: string): ResourceIdentifier | undefined {
  if (kind === ISSUER.kind) return identifier(ISSUER, namespace, name);
  if (kind === CLUSTER_ISSUER.kind) return identifier(CLUSTER_ISSUER, '', name);
  return undefined;
}

/** `group/resource namespace/name`, for logs and de-duplication keys. */
export function describeId(id: ResourceIdentifier): string {
  const groupResource = id.group === '' ? id.resource : `${id.resource}.${id.group}`;
  return id.namespace === '' ? `${groupResource} ${id.name}` : `${groupResource} ${id.namespace}/${id.name}`;
}

/** Removes duplicates, keeping the first occurrence and the order. */
export function uniqueIds(ids: readonly ResourceIdentifier[]): ResourceIdentifier[] {
  const seen = new Set<string>();
  return ids.filter((id) => {
    const key = describeId(id);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

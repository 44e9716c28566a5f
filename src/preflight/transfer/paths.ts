/** API paths of the copied kinds, the CRDs a copy needs, and the error both directions raise. */
import type { CopiedKind } from '../../certmanager/configuration-copy.js';
import { CERTIFICATE, CLUSTER_ISSUER, ISSUER, groupResource } from '../../certmanager/kinds.js';
import type { KubeObject } from '../audit/findings.js';
import type { ClusterApi } from '../cluster/api.js';

/** A refusal of export or import as a whole (no CRDs, a missing namespace): printed as is, exit code 2. */
export class ConfigurationCopyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationCopyError';
  }
}

/** The CRDs the copied cert-manager kinds need. */
const NEEDED_CRDS: readonly string[] = [CERTIFICATE, ISSUER, CLUSTER_ISSUER].map(groupResource);

/** The needed CRDs absent from `installed` (CRD names). */
function missingCrds(installed: readonly string[]): string[] {
  return NEEDED_CRDS.filter((name) => !installed.includes(name));
}

/** Refuses (ConfigurationCopyError, ending in `consequence`) a cluster that lacks the copied kinds' CRDs. */
export async function requireCertManagerCrds(api: ClusterApi, source: string, consequence: string): Promise<void> {
  const crds = (
    (await api.list('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', 'list customresourcedefinitions', {
      metadataOnly: true,
    })) ?? []
  ).map((c) => c.metadata.name ?? '');
  const absent = missingCrds(crds);
  if (absent.length)
    throw new ConfigurationCopyError(
      `cert-manager's CRDs are not installed in ${source} (missing ${absent.join(', ')}): ${consequence}`,
    );
}

/** `/api/v1/...` for the core group, `/apis/GROUP/VERSION/...` otherwise; a cluster-scoped object without namespace. */
export function namespacedPath(
  group: string,
  version: string,
  resource: string,
  namespace: string | undefined,
  name: string,
): string {
  const root = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  const ns = namespace === undefined ? '' : `/namespaces/${encodeURIComponent(namespace)}`;
  return `${root}${ns}/${resource}/${encodeURIComponent(name)}`;
}

const RESOURCES: Readonly<Record<CopiedKind, string>> = {
  Secret: 'secrets',
  ServiceAccount: 'serviceaccounts',
  ClusterIssuer: CLUSTER_ISSUER.resource,
  Issuer: ISSUER.resource,
  Certificate: CERTIFICATE.resource,
};

/** The path of one configuration object (its apiVersion's group and version). */
export function objectPath(object: KubeObject, kind: CopiedKind): string {
  const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/', 2) : ['', object.apiVersion];
  return namespacedPath(
    group ?? '',
    version ?? 'v1',
    RESOURCES[kind],
    kind === 'ClusterIssuer' ? undefined : object.metadata.namespace,
    object.metadata.name ?? '',
  );
}

/** `Kind namespace/name` (`Kind name` when cluster-scoped). */
export function describeObject(object: KubeObject): string {
  const ns = object.metadata.namespace;
  return `${object.kind} ${ns && object.kind !== CLUSTER_ISSUER.kind ? `${ns}/` : ''}${object.metadata.name ?? ''}`;
}

/** Said of a missing ACME account key, which is not a broken issuer. */
export const ACCOUNT_KEY_NOTE = ': cert-manager registers a new ACME account and creates it';

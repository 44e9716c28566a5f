/**
 * Reads cert-manager's configuration from a live cluster for `export`: Issuers, ClusterIssuers and
 * Certificates, and every Secret and ServiceAccount they reference (configuration-copy.ts decides which), with
 * the fields only the source cluster sets removed. Read-only: lists as the preflight's cluster mode makes them,
 * plus a GET of each referenced Secret and ServiceAccount by name.
 */
import {
  certificateIssuer,
  configurationDependencies,
  withoutServerFields,
  type Dependency,
} from '../../certmanager/configuration-copy.js';
import { CERTIFICATE, CLUSTER_ISSUER, ISSUER, groupResource, type CertManagerType } from '../../certmanager/kinds.js';
import { opaqueDns01Solvers } from '../../certmanager/references.js';
import { describeOwner, shimOwnerOf } from '../../certmanager/shim.js';
import type { KubeObject } from '../audit/findings.js';
import { ClusterApi, EXPORT_ROLE, type ApiOptions } from '../cluster/api.js';
import { findCertManager } from '../cluster/installation.js';
import { namespacedPath, requireCertManagerCrds } from './paths.js';

export interface ExportOptions extends ApiOptions {
  /** Only these namespaces' Issuers and Certificates (and the ClusterIssuers those Certificates use). */
  namespaces?: readonly string[];
  withCertificateSecrets: boolean;
  /** Where ClusterIssuer Secrets live; read from the controller when absent. */
  clusterResourceNamespace?: string;
}

export interface ExportResult {
  objects: KubeObject[];
  /** `context (server)`, for the file's header. */
  source: string;
  clusterResourceNamespace: string;
  /** Where the cluster resource namespace came from. */
  clusterResourceNamespaceSource: string;
  /** Shim Certificates left out, described with their owner. */
  shimCertificates: string[];
  /** Referenced Secrets and ServiceAccounts that do not exist, with what references them. */
  missing: Dependency[];
  /** External DNS01 webhook solvers: their configuration is the solver's own, so its Secrets are unknown. */
  opaqueSolvers: string[];
}

function listPath(type: CertManagerType, namespace?: string): string {
  return namespace === undefined
    ? `/apis/${type.group}/v1/${type.resource}`
    : `/apis/${type.group}/v1/namespaces/${encodeURIComponent(namespace)}/${type.resource}`;
}

export async function exportConfiguration(options: ExportOptions): Promise<ExportResult> {
  const api = await ClusterApi.connect(options);
  const source = `context ${api.contextName} (${api.server})`;
  await requireCertManagerCrds(api, source, 'nothing to export');

  let clusterResourceNamespace = options.clusterResourceNamespace;
  let clusterResourceNamespaceSource = 'option';
  if (clusterResourceNamespace === undefined) {
    const deployments = (await api.list('/apis/apps/v1/deployments', 'list deployments.apps in all namespaces')) ?? [];
    const found = findCertManager(deployments);
    clusterResourceNamespace = found?.clusterResourceNamespace ?? 'cert-manager';
    clusterResourceNamespaceSource = found ? found.source : 'not found: default';
  }

  const listed = async (type: CertManagerType, namespace?: string) =>
    (await api.list(listPath(type, namespace), `list ${groupResource(type)}${namespace ? ` in ${namespace}` : ''}`)) ??
    [];
  let clusterIssuers = await listed(CLUSTER_ISSUER);
  const namespaced: KubeObject[] = [];
  for (const namespace of options.namespaces ?? [undefined])
    for (const type of [ISSUER, CERTIFICATE]) namespaced.push(...(await listed(type, namespace)));

  // ingress-shim and gateway-shim recreate their Certificates from the Ingress or Gateway; a copy would be an
  // orphan the shim never updates again.
  const shimCertificates: string[] = [];
  const kept = namespaced.filter((o) => {
    const owner = o.kind === CERTIFICATE.kind ? shimOwnerOf(o) : undefined;
    if (owner)
      shimCertificates.push(
        `Certificate ${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''} (owned by ${describeOwner(owner, o.metadata.namespace)})`,
      );
    return !owner;
  });
  if (options.namespaces) {
    // A namespace's Certificates may use ClusterIssuers: those come along, the others stay.
    const used = new Set(
      kept.flatMap((o) => {
        const issuer = o.kind === CERTIFICATE.kind ? certificateIssuer(o) : undefined;
        return issuer?.kind === 'ClusterIssuer' ? [issuer.name] : [];
      }),
    );
    clusterIssuers = clusterIssuers.filter((o) => used.has(o.metadata.name ?? ''));
  }
  const configuration = [...clusterIssuers, ...kept];
  const dependencies = configurationDependencies(
    configuration,
    clusterResourceNamespace,
    options.withCertificateSecrets,
  );
  const objects: KubeObject[] = configuration.map(withoutServerFields);
  const missing: Dependency[] = [];
  for (const dep of dependencies) {
    const resource = dep.kind === 'Secret' ? 'secrets' : 'serviceaccounts';
    const object = (await api.get(
      namespacedPath('', 'v1', resource, dep.namespace, dep.name),
      `get ${resource} ${dep.namespace}/${dep.name} (referenced by ${dep.referencedBy[0] ?? ''})`,
      undefined,
      EXPORT_ROLE,
    )) as KubeObject | undefined;
    if (object) objects.push(withoutServerFields({ ...object, apiVersion: 'v1', kind: dep.kind }));
    else missing.push(dep);
  }
  const opaqueSolvers = configuration
    .filter((o) => o.kind !== CERTIFICATE.kind)
    .flatMap((o) =>
      opaqueDns01Solvers(o).map(
        (field) =>
          `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name ?? ''} ${field}`,
      ),
    );
  return {
    objects,
    opaqueSolvers,
    source,
    clusterResourceNamespace,
    clusterResourceNamespaceSource,
    shimCertificates,
    missing,
  };
}

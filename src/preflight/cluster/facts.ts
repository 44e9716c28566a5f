/**
 * Cluster mode, step one: read what the live cluster says about cert-manager and Velero (read-only, every
 * request bounded). The result is plain data, so evaluation (evaluate.ts) is pure and tested on fixtures.
 */
import {
  CERTIFICATE,
  CERTIFICATE_REQUEST,
  CHALLENGE,
  CLUSTER_ISSUER,
  ISSUER,
  ORDER,
  groupResource,
  type CertManagerType,
} from '../../certmanager/kinds.js';
import type { KubeObject } from '../audit/findings.js';
import { GR, type InventoryItem } from '../audit/inventory.js';
import type { ClusterApi } from './api.js';
import { findCertManager } from './installation.js';
import { pluginImageRecogniser } from '../plugin.js';

export interface VeleroServer {
  namespace: string;
  name: string;
  image: string;
  /** From the image tag (v1.18.1 → 1.18.1), when it is a version. */
  version?: string;
  args: string[];
  pluginImages: string[];
  ourPluginInstalled: boolean;
  /** The Deployment as read, for the offline server rules (restore priorities, features). */
  deployment: KubeObject;
}

export interface LiveFacts {
  server: string;
  context: string;
  namespaces: { name: string; labels: Record<string, string> }[];
  certManager?: { namespace: string; clusterResourceNamespace: string; source: string };
  velero?: VeleroServer;
  /** ConfigMaps in Velero's namespace labelled velero.io/plugin-config. */
  pluginConfigMaps: KubeObject[];
  /** The other ConfigMaps in Velero's namespace: where the resource policies Backups name live. */
  otherConfigMaps: KubeObject[];
  /** Installed cert-manager CRD names. */
  crds: string[];
  /** cert-manager objects, Secrets (metadata only), Ingresses and Gateways, indexed like a backup. */
  items: InventoryItem[];
  /** Requests made, for the summary. */
  requests: number;
}

export type Progress = (message: string) => void;

const CM_TYPES: readonly CertManagerType[] = [
  CERTIFICATE,
  ISSUER,
  CLUSTER_ISSUER,
  CERTIFICATE_REQUEST,
  ORDER,
  CHALLENGE,
];

function listPath(type: CertManagerType): string {
  return `/apis/${type.group}/v1/${type.resource}`;
}

function toItem(groupResourceName: string, object: KubeObject): InventoryItem {
  return {
    groupResource: groupResourceName,
    namespace: object.metadata.namespace ?? '',
    name: object.metadata.name ?? '',
    object,
  };
}

/** The Velero server Deployment: a container running `velero server` or the velero/velero image. */
export function findVeleroServer(
  deployments: readonly KubeObject[],
  renamedPluginImages: readonly string[] = [],
): VeleroServer | undefined {
  for (const d of deployments) {
    const spec = (d.spec as { template?: { spec?: unknown } } | undefined)?.template?.spec as
      | {
          containers?: { name: string; image?: string; command?: string[]; args?: string[] }[];
          initContainers?: { image?: string }[];
        }
      | undefined;
    const container = spec?.containers?.find(
      (c) =>
        (c.args?.[0] === 'server' && (c.command ?? []).some((x) => x.endsWith('velero'))) ||
        /(^|\/)velero\/velero(:|@|$)/.test(c.image ?? ''),
    );
    if (!container) continue;
    const image = container.image ?? '';
    const tag = /:v?(\d+\.\d+\.\d+)(?:[-+@].*)?$/.exec(image)?.[1];
    const pluginImages = (spec?.initContainers ?? []).map((c) => c.image ?? '').filter(Boolean);
    return {
      namespace: d.metadata.namespace ?? '',
      name: d.metadata.name ?? '',
      image,
      ...(tag ? { version: tag } : {}),
      args: container.args ?? [],
      pluginImages,
      ourPluginInstalled: pluginImages.some(pluginImageRecogniser(renamedPluginImages)),
      deployment: d,
    };
  }
  return undefined;
}

/** Reads the facts; `what` names every request in errors; `progress` reports each step (stderr spinner). */
export async function gatherFacts(
  api: ClusterApi,
  options: { progress?: Progress; includeIngresses?: boolean; pluginImages?: readonly string[] } = {},
): Promise<LiveFacts> {
  const progress = options.progress ?? (() => undefined);
  progress('namespaces');
  const namespaces = (await api.list('/api/v1/namespaces', 'list namespaces', { metadataOnly: true })) ?? [];
  progress('deployments (cert-manager and Velero)');
  const deployments = (await api.list('/apis/apps/v1/deployments', 'list deployments.apps in all namespaces')) ?? [];
  const installation = findCertManager(deployments);
  const velero = findVeleroServer(deployments, options.pluginImages);
  let configMaps: KubeObject[] = [];
  if (velero) {
    progress('plugin configuration and resource policies');
    // All of them (the same `list` permission): the plugin's configuration, and the resource policies Backups name.
    configMaps =
      (await api.list(
        `/api/v1/namespaces/${encodeURIComponent(velero.namespace)}/configmaps`,
        `list configmaps in ${velero.namespace}`,
      )) ?? [];
  }
  const isPluginConfig = (cm: KubeObject) => Object.hasOwn(cm.metadata.labels ?? {}, 'velero.io/plugin-config');
  const pluginConfigMaps = configMaps.filter(isPluginConfig);
  const otherConfigMaps = configMaps.filter((cm) => !isPluginConfig(cm));
  progress('CustomResourceDefinitions');
  const crdList =
    (await api.list('/apis/apiextensions.k8s.io/v1/customresourcedefinitions', 'list customresourcedefinitions', {
      metadataOnly: true,
    })) ?? [];
  const crds = crdList
    .map((c) => c.metadata.name ?? '')
    .filter((n) => n.endsWith('cert-manager.io'))
    .sort();
  const items: InventoryItem[] = [];
  for (const type of CM_TYPES) {
    const gr = groupResource(type);
    if (!crds.includes(gr)) continue;
    progress(type.resource);
    for (const o of (await api.list(listPath(type), `list ${gr}`)) ?? []) items.push(toItem(gr, o));
  }
  progress('secrets (metadata only)');
  for (const o of (await api.list('/api/v1/secrets', 'list secrets (metadata only) in all namespaces', {
    metadataOnly: true,
  })) ?? [])
    items.push(toItem(GR.secrets, { ...o, apiVersion: 'v1', kind: 'Secret' }));
  if (options.includeIngresses) {
    progress('ingresses and gateways');
    for (const o of (await api.list('/apis/networking.k8s.io/v1/ingresses', 'list ingresses.networking.k8s.io')) ?? [])
      items.push(toItem(GR.ingresses, { ...o, apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' }));
    // Gateway API is optional: a 404 (not installed) is not an error.
    for (const o of (await api.list(
      '/apis/gateway.networking.k8s.io/v1/gateways',
      'list gateways.gateway.networking.k8s.io',
    )) ?? [])
      items.push(toItem(GR.gateways, { ...o, apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway' }));
  }
  return {
    server: api.server,
    context: api.contextName,
    namespaces: namespaces.map((n) => ({ name: n.metadata.name ?? '', labels: n.metadata.labels ?? {} })),
    ...(installation
      ? {
          certManager: {
            namespace: installation.namespace,
            clusterResourceNamespace: installation.clusterResourceNamespace,
            source: installation.source,
          },
        }
      : {}),
    ...(velero ? { velero } : {}),
    pluginConfigMaps,
    otherConfigMaps,
    crds,
    items,
    requests: api.requestCount,
  };
}

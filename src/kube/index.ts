/** The Kubernetes access layer: what product code imports from src/kube. */
export { ClusterAccess, createLookupsProvider, type ClusterAccessOptions } from './access.js';
export {
  ClusterAccessError,
  type CertManagerDeployment,
  type CertManagerInstallation,
  type ClusterLookups,
  type NamespacedName,
} from './types.js';
export { ACTION_LABEL_PREFIX, PLUGIN_CONFIG_LABEL, mergePluginConfig } from './plugin-config.js';
export type { KubeConfigSource } from './client.js';

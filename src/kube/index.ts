/** The Kubernetes access layer: what product code imports from src/kube. */
export { ClusterAccess, createLookupsProvider } from './access.js';
export { ClusterAccessError, type ClusterLookups } from './types.js';
export { describeConnection } from './client.js';

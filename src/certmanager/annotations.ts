/**
 * Annotations this plugin and Velero read or write on backed-up items.
 *
 * Ours live under the plugin's own domain and are written only on the copy stored in the backup; the
 * restore actions read them from `itemFromBackup` and remove them from the restored object.
 */
import type { KubeObject, ObjectMeta } from '../host/action.js';

/** The plugin's DNS subdomain: action names and annotation keys live under it. */
export const PLUGIN_DOMAIN = 'velero-plugin-for-cert-manager.dev';

/** Velero >= 1.18.1 leaves an item returned with this annotation (any value) out of the backup. */
export const VELERO_SKIP_FROM_BACKUP = 'velero.io/skip-from-backup';
/** Velero >= 1.10: additional items of this Execute call bypass the backup's filters when "true". */
export const VELERO_MUST_INCLUDE_ADDITIONAL_ITEMS = 'backup.velero.io/must-include-additional-items';

/**
 * Set on Certificates the plugin skipped at backup (value: why, e.g. `shim-owned: Ingress ns/name`),
 * so that a Velero older than 1.18.1, which stores them anyway, still has them skipped at restore.
 */
export const ANNOTATION_SKIPPED = `${PLUGIN_DOMAIN}/skipped`;
/**
 * Set on cert-manager workloads at backup: JSON array of the ResourceIdentifiers (ServiceAccount,
 * RBAC, webhook configurations) the workload needs, so the restore side can restore them first.
 */
export const ANNOTATION_DEPENDS_ON = `${PLUGIN_DOMAIN}/depends-on`;
/** Set on ClusterIssuers at backup: the cluster resource namespace their Secrets were taken from. */
export const ANNOTATION_CLUSTER_RESOURCE_NAMESPACE = `${PLUGIN_DOMAIN}/cluster-resource-namespace`;

/** Every annotation of ours that must not survive into a restored object. */
export const PLUGIN_ANNOTATIONS: readonly string[] = [
  ANNOTATION_SKIPPED,
  ANNOTATION_DEPENDS_ON,
  ANNOTATION_CLUSTER_RESOURCE_NAMESPACE,
];

/** A copy of the item with `annotations` added (the input is never mutated). */
export function withAnnotations(item: KubeObject, annotations: Record<string, string>): KubeObject {
  return {
    ...item,
    metadata: { ...item.metadata, annotations: { ...(item.metadata.annotations ?? {}), ...annotations } },
  };
}

/** A copy of the item without the given annotation keys; the item itself when none is present. */
export function withoutAnnotations(item: KubeObject, keys: readonly string[]): KubeObject {
  const current = item.metadata.annotations;
  if (!current || !keys.some((key) => key in current)) return item;
  const annotations = Object.fromEntries(Object.entries(current).filter(([key]) => !keys.includes(key)));
  const metadata: ObjectMeta = { ...item.metadata, annotations };
  if (Object.keys(annotations).length === 0) delete metadata.annotations;
  return { ...item, metadata };
}

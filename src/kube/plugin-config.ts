/**
 * Finding the plugin's ConfigMaps the way Velero's own plugins do (pkg/plugin/framework/common
 * GetPluginConfig): in Velero's namespace, labelled `velero.io/plugin-config` plus a label whose key is
 * the action's name (Velero's convention puts the plugin kind, e.g. `RestoreItemActionV2`, in its value;
 * any value is accepted here). One list of every plugin-config ConfigMap serves every action.
 */
import type { ConfigMapShape } from './shapes.js';

export const PLUGIN_CONFIG_LABEL = 'velero.io/plugin-config';
/** Our action names are `<prefix>/<what>`; a label with this prefix names one of our actions. */
const ACTION_LABEL_PREFIX = 'velero-plugin-for-cert-manager.dev/';

/**
 * The merged `data` of the ConfigMaps meant for `actionName` (or for any of our actions when absent).
 * Several matches are merged in name order, later names winning, so the outcome never depends on list
 * order.
 */
export function mergePluginConfig(configMaps: ConfigMapShape[], actionName?: string): Record<string, string> {
  const matching = configMaps
    .filter((cm) => {
      const labels = cm.metadata?.labels ?? {};
      if (!(PLUGIN_CONFIG_LABEL in labels)) return false;
      return actionName !== undefined
        ? actionName in labels
        : Object.keys(labels).some((key) => key.startsWith(ACTION_LABEL_PREFIX));
    })
    .sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  const merged: Record<string, string> = {};
  for (const cm of matching) Object.assign(merged, cm.data ?? {});
  return merged;
}

import { PLUGIN_CONFIG_LABEL, PLUGIN_PREFIX } from '../plugin.js';
import type { Rule, RuleReport } from './types.js';

export const rule: Rule = {
  meta: {
    id: 'CMV068',
    name: 'plugin-config-misplaced',
    severity: 'warning',
    appliesTo: ['ConfigMaps configuring the cert-manager plugin'],
    summary:
      "The plugin's ConfigMap is not where Velero looks: another namespace than Velero's, or without the `velero.io/plugin-config` label.",
    why: 'Velero hands a plugin only the ConfigMaps in its own namespace labelled `velero.io/plugin-config` plus a key naming the plugin or action; anything else is silently ignored and the plugin runs with defaults.',
    fix: `Put it in Velero's namespace with the labels \`${PLUGIN_CONFIG_LABEL}: ""\` and \`${PLUGIN_PREFIX}/<action>: RestoreItemAction|BackupItemAction\`.`,
    links: ['https://velero.io/docs/main/custom-plugins/#plugin-configuration'],
    examples: [
      {
        bad: `kind: ConfigMap, namespace: cert-manager, labels {${PLUGIN_PREFIX}/backup: BackupItemAction}`,
        good: "kind: ConfigMap, namespace: velero (Velero's namespace), labels {velero-plugin-for-cert-manager.dev/backup: BackupItemAction}",
      },
    ],
  },
  check(subject, ctx) {
    const cfg = subject.pluginConfig;
    if (subject.kind !== 'plugin-config' || !cfg) return [];
    const out: RuleReport[] = [];
    if (!(PLUGIN_CONFIG_LABEL in cfg.labels))
      out.push({
        message: `the ConfigMap has a ${PLUGIN_PREFIX} label but not ${PLUGIN_CONFIG_LABEL}: Velero never passes it to the plugin`,
        location: subject.location,
      });
    if ((cfg.namespace ?? ctx.veleroNamespace) !== ctx.veleroNamespace)
      out.push({
        message: `the plugin ConfigMap is in namespace "${cfg.namespace}", not Velero's namespace "${ctx.veleroNamespace}": it is ignored`,
        location: subject.fieldLocations['metadata.namespace'] ?? subject.location,
      });
    return out;
  },
};

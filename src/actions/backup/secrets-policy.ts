/**
 * The Secrets policy of the backup actions. Secrets (and the ServiceAccounts issuers ask tokens for)
 * that cert-manager objects reference are returned as additional items:
 *
 * - by default they follow the Backup's normal filters, so an operator who excluded Secrets stays in
 *   control; every referenced Secret the filters would drop is named in a warning, because restoring
 *   without it makes cert-manager issue a new certificate (new key, ACME rate limits, or a new CA);
 * - with `forceSecrets: "true"` the item is returned with Velero's must-include annotation, so they are
 *   backed up whatever the filters say (Velero >= 1.10).
 *
 * Velero applies must-include to every additional item of one Execute call, so actions that use this
 * policy return nothing else that would be forced by accident.
 */
import type { BackupActionResult, KubeObject, ResourceIdentifier } from '../../host/action.js';
import { VELERO_MUST_INCLUDE_ADDITIONAL_ITEMS, withAnnotations } from '../../certmanager/annotations.js';
import { describeId } from '../../certmanager/identifiers.js';
import { filterExclusionReason } from './velero-filters.js';
import type { BackupRun } from '../define.js';

export interface PolicyItem {
  id: ResourceIdentifier;
  /** The referencing field, e.g. `spec.acme.privateKeySecretRef`. */
  field: string;
}

export function applySecretsPolicy(run: BackupRun, dependencies: readonly PolicyItem[]): BackupActionResult {
  const { item, backup, config, log } = run;
  if (dependencies.length === 0) return { item };
  const owner = describeItem(item);
  for (const { id, field } of dependencies) {
    const reason = filterExclusionReason(backup, id);
    if (reason === undefined) continue;
    const fields = { dependency: describeId(id), referencedBy: owner, field, reason };
    if (config.forceSecrets) {
      log.info(`forcing ${describeId(id)} into the backup although ${reason} (forceSecrets is on)`, fields);
    } else {
      log.warn(
        `${describeId(id)}, referenced by ${owner} (${field}), will not be backed up because ${reason}; ` +
          'restoring without it makes cert-manager issue anew. Include it, or set forceSecrets: "true" in the plugin configuration',
        fields,
      );
    }
  }
  const additionalItems = dependencies.map((dependency) => dependency.id);
  if (!config.forceSecrets) return { item, additionalItems };
  return { item: withAnnotations(item, { [VELERO_MUST_INCLUDE_ADDITIONAL_ITEMS]: 'true' }), additionalItems };
}

export function describeItem(item: KubeObject): string {
  const namespace = item.metadata.namespace;
  return `${item.kind} ${namespace ? `${namespace}/` : ''}${item.metadata.name ?? ''}`;
}

/**
 * restore-issuer-secrets: an Issuer or ClusterIssuer returns every Secret it references (and the
 * ServiceAccounts it asks tokens for) as additional items, restored before it. A missing ACME account
 * key means a new ACME account; a missing EAB key cannot be recreated; missing CA, Vault, Venafi or DNS
 * credentials leave the issuer not Ready.
 *
 * ClusterIssuer references resolve in the cluster resource namespace of the cluster the backup came
 * from: recorded on the item by backup-issuer-secrets; for backups taken without the plugin, the
 * configuration, else the target cluster's (mapped back through the restore's namespace mapping).
 */
import type { ActionLogger, RestoreAction, VeleroRequestObject } from '../../host/action.js';
import {
  ANNOTATION_CLUSTER_RESOURCE_NAMESPACE,
  PLUGIN_ANNOTATIONS,
  withoutAnnotations,
} from '../../certmanager/annotations.js';
import { secretId, serviceAccountId } from '../../certmanager/identifiers.js';
import { CLUSTER_ISSUER, ISSUER, groupResource } from '../../certmanager/kinds.js';
import { issuerSecretReferences, issuerServiceAccountReferences } from '../../certmanager/references.js';
import type { PluginConfig } from '../../config/plugin-config.js';
import { resolveClusterResourceNamespace } from '../cluster-resource-namespace.js';
import { defineRestoreAction } from '../define.js';
import type { RunScope, RunScopes } from '../run-scope.js';
import { RESTORE_ACTION_NAMES } from './names.js';

/** The backup namespace Velero maps to `target`, or `target` itself when no mapping ends there. */
export function backupNamespaceFor(restore: VeleroRequestObject, target: string): string {
  const mapping = restore.spec?.namespaceMapping;
  if (typeof mapping === 'object' && mapping !== null) {
    for (const [source, destination] of Object.entries(mapping)) if (destination === target) return source;
  }
  return target;
}

async function backupClusterResourceNamespace(
  recorded: string | undefined,
  restore: VeleroRequestObject,
  scope: RunScope,
  config: PluginConfig,
  log: ActionLogger,
): Promise<string> {
  if (recorded) return recorded;
  const resolved = await resolveClusterResourceNamespace(scope, config, log);
  // Only the live target cluster speaks in target namespaces; configured values name the backup's.
  return resolved.source === 'plugin-config' || resolved.source === 'cert-manager-namespace-config'
    ? resolved.namespace
    : backupNamespaceFor(restore, resolved.namespace);
}

export function createRestoreIssuerSecrets(scopes: RunScopes): RestoreAction {
  return defineRestoreAction(
    {
      name: RESTORE_ACTION_NAMES.issuerSecrets,
      description:
        'Restores the Secrets (and token ServiceAccounts) an Issuer or ClusterIssuer references before the issuer.',
      appliesTo: { includedResources: [groupResource(ISSUER), groupResource(CLUSTER_ISSUER)] },
    },
    scopes,
    async ({ item, itemFromBackup, restore, scope, config, log }) => {
      const namespace =
        itemFromBackup.kind === CLUSTER_ISSUER.kind
          ? await backupClusterResourceNamespace(
              itemFromBackup.metadata.annotations?.[ANNOTATION_CLUSTER_RESOURCE_NAMESPACE],
              restore,
              scope,
              config,
              log,
            )
          : (itemFromBackup.metadata.namespace ?? '');
      const additionalItems = [
        ...issuerSecretReferences(itemFromBackup).map((ref) => secretId(namespace, ref.name)),
        ...issuerServiceAccountReferences(itemFromBackup).map((ref) => serviceAccountId(namespace, ref.name)),
      ];
      const restored = withoutAnnotations(item, PLUGIN_ANNOTATIONS);
      return additionalItems.length > 0 ? { item: restored, additionalItems } : { item: restored };
    },
  );
}

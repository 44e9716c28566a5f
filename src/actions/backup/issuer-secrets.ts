/**
 * backup-issuer-secrets: an Issuer or ClusterIssuer brings every Secret it references (CA key pair,
 * ACME account and EAB keys, each DNS01 provider's credentials, Vault, Venafi) and the ServiceAccounts
 * it asks tokens for as additional items, under the Secrets policy (secrets-policy.ts).
 *
 * Issuer references resolve in the Issuer's namespace; ClusterIssuer references in the cluster
 * resource namespace (cluster-resource-namespace.ts), which is recorded on the stored ClusterIssuer so
 * the restore side finds the same Secrets whatever the target cluster looks like.
 */
import type { BackupAction } from '../../host/action.js';
import { ANNOTATION_CLUSTER_RESOURCE_NAMESPACE, withAnnotations } from '../../certmanager/annotations.js';
import { secretId, serviceAccountId } from '../../certmanager/identifiers.js';
import { CLUSTER_ISSUER, ISSUER, groupResource } from '../../certmanager/kinds.js';
import {
  issuerSecretReferences,
  issuerServiceAccountReferences,
  opaqueDns01Solvers,
} from '../../certmanager/references.js';
import { resolveClusterResourceNamespace } from '../cluster-resource-namespace.js';
import { defineBackupAction } from '../define.js';
import { BACKUP_ACTION_NAMES } from './names.js';
import type { RunScopes } from '../run-scope.js';
import { applySecretsPolicy, describeItem } from './secrets-policy.js';

export function createBackupIssuerSecrets(scopes: RunScopes): BackupAction {
  return defineBackupAction(
    {
      name: BACKUP_ACTION_NAMES.issuerSecrets,
      description:
        "Backs up every Secret (and token ServiceAccount) an Issuer or ClusterIssuer references, ClusterIssuers' from the cluster resource namespace; follows the backup's filters unless forceSecrets is set.",
      appliesTo: { includedResources: [groupResource(ISSUER), groupResource(CLUSTER_ISSUER)] },
    },
    scopes,
    async (run) => {
      const { item, log, scope, config } = run;
      let namespace = item.metadata.namespace ?? '';
      let stored = item;
      if (item.kind === CLUSTER_ISSUER.kind) {
        const resolved = await resolveClusterResourceNamespace(scope, config, log);
        namespace = resolved.namespace;
        stored = withAnnotations(item, { [ANNOTATION_CLUSTER_RESOURCE_NAMESPACE]: namespace });
        log.debug('resolving ClusterIssuer references in the cluster resource namespace', {
          namespace,
          source: resolved.source,
        });
      }
      for (const solver of opaqueDns01Solvers(item)) {
        log.warn(
          `${describeItem(item)} uses a DNS01 webhook solver (${solver}) whose Secrets only the external solver knows; make sure the backup includes them`,
        );
      }
      const dependencies = [
        ...issuerSecretReferences(item).map((ref) => ({ id: secretId(namespace, ref.name), field: ref.field })),
        ...issuerServiceAccountReferences(item).map((ref) => ({
          id: serviceAccountId(namespace, ref.name),
          field: ref.field,
        })),
      ];
      return applySecretsPolicy({ ...run, item: stored }, dependencies);
    },
  );
}

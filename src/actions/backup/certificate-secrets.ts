/**
 * backup-certificate-secrets: a Certificate brings the Secret it writes (`spec.secretName`) and its
 * keystore password Secrets along as additional items, under the Secrets policy (secrets-policy.ts):
 * restoring the Secret before (or with) the Certificate is what prevents a re-issuance.
 */
import type { BackupAction } from '../../host/action.js';
import { secretId } from '../../certmanager/identifiers.js';
import { CERTIFICATE, groupResource } from '../../certmanager/kinds.js';
import { certificateSecretReferences } from '../../certmanager/references.js';
import { defineBackupAction } from '../define.js';
import { BACKUP_ACTION_NAMES } from './names.js';
import type { RunScopes } from '../run-scope.js';
import { applySecretsPolicy } from './secrets-policy.js';

export function createBackupCertificateSecrets(scopes: RunScopes): BackupAction {
  return defineBackupAction(
    {
      name: BACKUP_ACTION_NAMES.certificateSecrets,
      description:
        "Backs up a Certificate's Secret and keystore password Secrets with it; follows the backup's filters unless forceSecrets is set, and warns about each one left out.",
      appliesTo: { includedResources: [groupResource(CERTIFICATE)] },
    },
    scopes,
    (run) => {
      const namespace = run.item.metadata.namespace ?? '';
      const dependencies = certificateSecretReferences(run.item).map((ref) => ({
        id: secretId(namespace, ref.name),
        field: ref.field,
      }));
      return applySecretsPolicy(run, dependencies);
    },
  );
}

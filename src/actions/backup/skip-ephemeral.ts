/**
 * backup-skip-ephemeral: keeps cert-manager's Orders, Challenges and CertificateRequests out of backups.
 * cert-manager creates them on the fly while it issues a certificate and recreates them from the
 * Certificate; restoring stale ones would replay finished or half-finished ACME orders and issuance.
 *
 * The item goes back to Velero with `velero.io/skip-from-backup` (Velero >= 1.18.1 then does not store
 * it) and our marker annotation (which explains the item on older Velero, where it is stored anyway and
 * the restore action skips it).
 */
import { EPHEMERAL_TYPES, groupResource, isCertificateRequest, isEphemeral } from '../../certmanager/kinds.js';
import type { BackupAction, KubeObject } from '../../host/action.js';
import { ACTION_NAMES, EPHEMERAL_MARKER_ANNOTATION, VELERO_SKIP_FROM_BACKUP_ANNOTATION } from '../names.js';
import { defineBackupAction } from '../define.js';
import type { RunScopes } from '../run-scope.js';

export const backupSkipEphemeral: BackupAction = {
  kind: 'backup',
  name: ACTION_NAMES.backupSkipEphemeral,
  description:
    'Leaves cert-manager Orders, Challenges and CertificateRequests out of backups (Velero >= 1.18.1); cert-manager recreates them.',
  appliesTo: { includedResources: EPHEMERAL_TYPES.map(groupResource) },
  execute({ item, log }) {
    if (!isEphemeral(item)) {
      log.warn('item is not an ephemeral cert-manager object; backing it up unchanged');
      return { item };
    }
    log.info('leaving ephemeral cert-manager object out of the backup; cert-manager recreates it from its Certificate');
    return { item: markedToSkip(item) };
  },
};

/** A copy of the item carrying Velero's skip annotation and our marker; the input is not modified. */
export function markedToSkip(item: KubeObject): KubeObject {
  return {
    ...item,
    metadata: {
      ...item.metadata,
      annotations: {
        ...item.metadata.annotations,
        [VELERO_SKIP_FROM_BACKUP_ANNOTATION]: ACTION_NAMES.backupSkipEphemeral,
        [EPHEMERAL_MARKER_ANNOTATION]: 'true',
      },
    },
  };
}

/**
 * backupSkipEphemeral under the plugin configuration: turned off by `disabledActions`, and with
 * `keepCertificateRequests: "true"` CertificateRequests are backed up unchanged (Orders and Challenges
 * still stay out).
 */
export function createBackupSkipEphemeral(scopes: RunScopes): BackupAction {
  const spec = {
    name: backupSkipEphemeral.name,
    description: backupSkipEphemeral.description,
    appliesTo: backupSkipEphemeral.appliesTo,
  };
  return defineBackupAction(spec, scopes, (run) => {
    if (run.config.keepCertificateRequests && isCertificateRequest(run.item)) {
      run.log.debug('keeping CertificateRequest in the backup (keepCertificateRequests is on)');
      return { item: run.item };
    }
    return backupSkipEphemeral.execute(run);
  });
}

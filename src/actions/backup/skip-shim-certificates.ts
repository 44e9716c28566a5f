/**
 * backup-skip-shim-certificates: leaves Certificates that ingress-shim or gateway-shim created out of
 * the backup. Their controller owner reference (an Ingress, Gateway or ListenerSet) cannot survive a
 * restore, and the shim refuses to manage an orphaned copy; restoring the owner and the Secret lets
 * the shim create a fresh, owned Certificate that adopts the existing key pair without re-issuing.
 *
 * Velero >= 1.18.1 drops the item on `velero.io/skip-from-backup`; older Velero stores it with our
 * marker, and restore-skip-shim-certificates skips it there.
 */
import type { BackupAction } from '../../host/action.js';
import { ANNOTATION_SKIPPED, VELERO_SKIP_FROM_BACKUP, withAnnotations } from '../../certmanager/annotations.js';
import { CERTIFICATE, groupResource } from '../../certmanager/kinds.js';
import { describeOwner, shimOwnerOf } from '../../certmanager/shim.js';
import { defineBackupAction } from '../define.js';
import { BACKUP_ACTION_NAMES } from './names.js';
import type { RunScopes } from '../run-scope.js';

/** The value of our marker on a skipped shim Certificate: `shim-owned: <Kind> <namespace>/<name>`. */
function shimMarker(ownerDescription: string): string {
  return `shim-owned: ${ownerDescription}`;
}

export function createBackupSkipShimCertificates(scopes: RunScopes): BackupAction {
  return defineBackupAction(
    {
      name: BACKUP_ACTION_NAMES.skipShimCertificates,
      description:
        'Leaves Certificates owned by an Ingress, Gateway or ListenerSet (ingress-shim, gateway-shim) out of backups (Velero >= 1.18.1); the shim recreates them.',
      appliesTo: { includedResources: [groupResource(CERTIFICATE)] },
    },
    scopes,
    ({ item, log }) => {
      const owner = shimOwnerOf(item);
      if (!owner) return { item };
      const ownerDescription = describeOwner(owner, item.metadata.namespace);
      log.info(
        `leaving shim Certificate out of the backup: it is owned by ${ownerDescription}, whose restore makes the shim recreate it`,
        {
          owner: ownerDescription,
        },
      );
      return {
        item: withAnnotations(item, {
          [VELERO_SKIP_FROM_BACKUP]: BACKUP_ACTION_NAMES.skipShimCertificates,
          [ANNOTATION_SKIPPED]: shimMarker(ownerDescription),
        }),
      };
    },
  );
}

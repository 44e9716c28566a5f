/**
 * restore-skip-shim-certificates: does not restore Certificates that ingress-shim or gateway-shim
 * created. Velero strips owner references before actions run, so the owner is read from the backed-up
 * copy (`itemFromBackup`), or from the marker backup-skip-shim-certificates left on it. A restored
 * orphan would never be updated by the shim and would block it from creating its own; skipped, the shim
 * recreates it from the restored Ingress or Gateway and adopts the restored Secret without re-issuing.
 */
import type { RestoreAction } from '../../host/action.js';
import { ANNOTATION_SKIPPED } from '../../certmanager/annotations.js';
import { CERTIFICATE, groupResource } from '../../certmanager/kinds.js';
import { describeOwner, shimOwnerOf } from '../../certmanager/shim.js';
import { defineRestoreAction } from '../define.js';
import type { RunScopes } from '../run-scope.js';
import { RESTORE_ACTION_NAMES } from './names.js';

const SHIM_MARKER_PREFIX = 'shim-owned: ';

export function createRestoreSkipShimCertificates(scopes: RunScopes): RestoreAction {
  return defineRestoreAction(
    {
      name: RESTORE_ACTION_NAMES.skipShimCertificates,
      description:
        'Skips Certificates that an Ingress, Gateway or ListenerSet owned in the backup; the shim recreates them from the restored owner.',
      appliesTo: { includedResources: [groupResource(CERTIFICATE)] },
    },
    scopes,
    ({ item, itemFromBackup, log }) => {
      const owner = shimOwnerOf(itemFromBackup);
      const marker = itemFromBackup.metadata.annotations?.[ANNOTATION_SKIPPED];
      const ownerDescription = owner
        ? describeOwner(owner, itemFromBackup.metadata.namespace)
        : marker?.startsWith(SHIM_MARKER_PREFIX)
          ? marker.slice(SHIM_MARKER_PREFIX.length)
          : undefined;
      if (!ownerDescription) return { item };
      log.info(
        `not restoring shim Certificate: it was owned by ${ownerDescription}, whose shim recreates it and adopts the restored Secret`,
        {
          owner: ownerDescription,
        },
      );
      return { item, skipRestore: true };
    },
  );
}

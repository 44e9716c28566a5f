/**
 * restore-skip-ephemeral: never restores cert-manager's Orders, Challenges and CertificateRequests.
 * Backups made by Velero < 1.18.1 (or without this plugin) still hold them; cert-manager recreates what
 * it needs from the restored Certificates, and restoring old ones would replay stale ACME orders and
 * issuance requests.
 */
import { EPHEMERAL_TYPES, groupResource, isCertificateRequest, isEphemeral } from '../../certmanager/kinds.js';
import type { RestoreAction } from '../../host/action.js';
import { defineRestoreAction } from '../define.js';
import type { RunScopes } from '../run-scope.js';
import { ACTION_NAMES, EPHEMERAL_MARKER_ANNOTATION } from '../names.js';

export const restoreSkipEphemeral: RestoreAction = {
  kind: 'restore',
  name: ACTION_NAMES.restoreSkipEphemeral,
  description: 'Skips cert-manager Orders, Challenges and CertificateRequests on restore; cert-manager recreates them.',
  appliesTo: { includedResources: EPHEMERAL_TYPES.map(groupResource) },
  execute({ item, log }) {
    if (!isEphemeral(item)) {
      log.warn('item is not an ephemeral cert-manager object; restoring it unchanged');
      return { item };
    }
    log.info('not restoring ephemeral cert-manager object; cert-manager recreates it from its Certificate');
    // Velero decodes the returned item even when it skips it, so the whole item goes back.
    return { item, skipRestore: true };
  },
};

/**
 * restoreSkipEphemeral under the plugin configuration: turned off by `disabledActions`, and with
 * `keepCertificateRequests: "true"` CertificateRequests are restored, except those our backup action
 * marked as left out (stored anyway by Velero < 1.18.1).
 */
export function createRestoreSkipEphemeral(scopes: RunScopes): RestoreAction {
  const spec = {
    name: restoreSkipEphemeral.name,
    description: restoreSkipEphemeral.description,
    appliesTo: restoreSkipEphemeral.appliesTo,
  };
  return defineRestoreAction(spec, scopes, (run) => {
    const markedAtBackup = run.itemFromBackup.metadata.annotations?.[EPHEMERAL_MARKER_ANNOTATION] !== undefined;
    if (run.config.keepCertificateRequests && isCertificateRequest(run.item) && !markedAtBackup) {
      run.log.debug('restoring CertificateRequest (keepCertificateRequests is on)');
      return { item: run.item };
    }
    return restoreSkipEphemeral.execute(run);
  });
}

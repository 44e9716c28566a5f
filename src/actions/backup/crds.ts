/**
 * backup-crds: any cert-manager object, or one of cert-manager's own Deployments, pulls the six
 * cert-manager CRDs into the backup with Velero's must-include annotation (Velero >= 1.10), so
 * `--exclude-namespaces`, `--include-namespaces` or resource filters no longer leave a backup whose
 * cert-manager objects cannot be restored. Returned once per backup.
 */
import type { BackupAction } from '../../host/action.js';
import { VELERO_MUST_INCLUDE_ADDITIONAL_ITEMS, withAnnotations } from '../../certmanager/annotations.js';
import { crdIdentifiers } from '../../certmanager/identifiers.js';
import { recognizeCertManagerWorkload } from '../../certmanager/installation.js';
import { ALL_TYPES, certManagerTypeOf, groupResource } from '../../certmanager/kinds.js';
import { defineBackupAction } from '../define.js';
import { BACKUP_ACTION_NAMES } from './names.js';
import type { RunScopes } from '../run-scope.js';

export function createBackupCrds(scopes: RunScopes): BackupAction {
  return defineBackupAction(
    {
      name: BACKUP_ACTION_NAMES.crds,
      description:
        "Forces cert-manager's six CRDs into every backup holding a cert-manager object or Deployment (must-include, Velero >= 1.10).",
      appliesTo: { includedResources: [...ALL_TYPES.map(groupResource), 'deployments.apps'] },
    },
    scopes,
    ({ item, scope, config }) => {
      const isCertManagerObject = certManagerTypeOf(item.apiVersion, item.kind) !== undefined;
      if (!isCertManagerObject) {
        const options = config.certManagerNamespace ? { certManagerNamespace: config.certManagerNamespace } : {};
        if (!recognizeCertManagerWorkload(item, options)) return { item };
      }
      const additionalItems = scope.firstTime(crdIdentifiers(), 'forced');
      if (additionalItems.length === 0) return { item };
      return { item: withAnnotations(item, { [VELERO_MUST_INCLUDE_ADDITIONAL_ITEMS]: 'true' }), additionalItems };
    },
  );
}

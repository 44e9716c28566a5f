/**
 * backup-certificate-issuer: a Certificate brings its Issuer or ClusterIssuer along as an additional
 * item. This is how ClusterIssuers (cluster-scoped) get into namespace-filtered backups, which Velero
 * allows for additional items unless `--include-cluster-resources=false`. Never forced: the Backup's
 * filters still decide. Each issuer is returned once per backup, so thousands of Certificates sharing
 * one ClusterIssuer cost Velero one lookup, not thousands.
 */
import type { BackupAction } from '../../host/action.js';
import { issuerId } from '../../certmanager/identifiers.js';
import { CERTIFICATE, groupResource } from '../../certmanager/kinds.js';
import { certificateIssuerReference, isCertManagerIssuer } from '../../certmanager/references.js';
import { defineBackupAction } from '../define.js';
import { BACKUP_ACTION_NAMES } from './names.js';
import type { RunScopes } from '../run-scope.js';

export function createBackupCertificateIssuer(scopes: RunScopes): BackupAction {
  return defineBackupAction(
    {
      name: BACKUP_ACTION_NAMES.certificateIssuer,
      description: "Backs up a Certificate's Issuer or ClusterIssuer with it, also in namespace-filtered backups.",
      appliesTo: { includedResources: [groupResource(CERTIFICATE)] },
    },
    scopes,
    ({ item, log, scope }) => {
      const ref = certificateIssuerReference(item);
      if (!ref) return { item };
      if (!isCertManagerIssuer(ref)) {
        log.debug('Certificate uses an external issuer; its objects are not known to this plugin', {
          issuerKind: ref.kind,
          issuerGroup: ref.group,
        });
        return { item };
      }
      const id = issuerId(ref.kind, ref.name, item.metadata.namespace ?? '');
      if (!id) return { item };
      const additionalItems = scope.firstTime([id]);
      return additionalItems.length > 0 ? { item, additionalItems } : { item };
    },
  );
}

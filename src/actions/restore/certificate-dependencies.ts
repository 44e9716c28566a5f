/**
 * restore-certificate-dependencies: a Certificate returns its Secret, keystore password Secrets and its
 * Issuer or ClusterIssuer as additional items, so Velero restores them (when the backup holds them)
 * before the Certificate, whatever the server's resource priorities say. A Certificate that lands
 * before its Secret is re-issued; one that finds a matching Secret is simply marked Ready.
 */
import type { RestoreAction } from '../../host/action.js';
import { PLUGIN_ANNOTATIONS, withoutAnnotations } from '../../certmanager/annotations.js';
import { issuerId, secretId } from '../../certmanager/identifiers.js';
import { CERTIFICATE, groupResource } from '../../certmanager/kinds.js';
import {
  certificateIssuerReference,
  certificateSecretReferences,
  isCertManagerIssuer,
} from '../../certmanager/references.js';
import { defineRestoreAction } from '../define.js';
import type { RunScopes } from '../run-scope.js';
import { RESTORE_ACTION_NAMES } from './names.js';

export function createRestoreCertificateDependencies(scopes: RunScopes): RestoreAction {
  return defineRestoreAction(
    {
      name: RESTORE_ACTION_NAMES.certificateDependencies,
      description:
        "Restores a Certificate's Secret, keystore password Secrets and Issuer or ClusterIssuer before the Certificate.",
      appliesTo: { includedResources: [groupResource(CERTIFICATE)] },
    },
    scopes,
    ({ item, itemFromBackup }) => {
      // The backup namespace: Velero has not applied namespace mappings yet, and remaps identifiers itself.
      const namespace = itemFromBackup.metadata.namespace ?? item.metadata.namespace ?? '';
      const additionalItems = certificateSecretReferences(itemFromBackup).map((ref) => secretId(namespace, ref.name));
      const issuer = certificateIssuerReference(itemFromBackup);
      const issuerIdentifier =
        issuer && isCertManagerIssuer(issuer) ? issuerId(issuer.kind, issuer.name, namespace) : undefined;
      if (issuerIdentifier) additionalItems.push(issuerIdentifier);
      const restored = withoutAnnotations(item, PLUGIN_ANNOTATIONS);
      return additionalItems.length > 0 ? { item: restored, additionalItems } : { item: restored };
    },
  );
}

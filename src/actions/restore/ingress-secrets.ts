/**
 * restore-ingress-secrets: an Ingress, Gateway or ListenerSet that carries cert-manager's shim
 * annotations returns its TLS Secrets (`spec.tls[].secretName`, listener `certificateRefs`) and the
 * issuer its annotations name as additional items. They are restored before it, so when the shim
 * creates the Certificate it finds a matching Secret and does not re-issue.
 */
import type { RestoreAction } from '../../host/action.js';
import { issuerId, secretId } from '../../certmanager/identifiers.js';
import { isCertManagerIssuer } from '../../certmanager/references.js';
import { hasShimAnnotations, ingressLikeTlsSecrets, shimIssuerReference } from '../../certmanager/shim.js';
import { defineRestoreAction } from '../define.js';
import type { RunScopes } from '../run-scope.js';
import { RESTORE_ACTION_NAMES } from './names.js';

export function createRestoreIngressSecrets(scopes: RunScopes): RestoreAction {
  return defineRestoreAction(
    {
      name: RESTORE_ACTION_NAMES.ingressSecrets,
      description:
        'Restores the TLS Secrets and issuer of an Ingress, Gateway or ListenerSet with cert-manager annotations before it.',
      appliesTo: {
        includedResources: [
          'ingresses.networking.k8s.io',
          'gateways.gateway.networking.k8s.io',
          'listenersets.gateway.networking.k8s.io',
        ],
      },
    },
    scopes,
    ({ item, itemFromBackup }) => {
      if (!hasShimAnnotations(itemFromBackup)) return { item };
      const namespace = itemFromBackup.metadata.namespace ?? '';
      const additionalItems = ingressLikeTlsSecrets(itemFromBackup).map((ref) => secretId(ref.namespace, ref.name));
      const issuer = shimIssuerReference(itemFromBackup);
      const issuerIdentifier =
        issuer && isCertManagerIssuer(issuer) ? issuerId(issuer.kind, issuer.name, namespace) : undefined;
      if (issuerIdentifier) additionalItems.push(issuerIdentifier);
      return additionalItems.length > 0 ? { item, additionalItems } : { item };
    },
  );
}

/**
 * backup-rbac-and-webhooks: a cert-manager controller, webhook or cainjector (Deployment, ReplicaSet or
 * Pod, recognised by chart labels, image or the configured namespace) pulls in, with Velero's
 * must-include annotation, its ServiceAccount, every Role, RoleBinding (also the leader-election ones
 * in kube-system), ClusterRole and ClusterRoleBinding bound to it, and cert-manager's validating and
 * mutating webhook configurations, so namespace-filtered backups still hold a working installation.
 *
 * The list is recorded on the stored item (annotation `…/depends-on`) so restore-rbac-first can
 * restore those objects before the workload without asking the cluster the backup came from.
 */
import type { BackupAction, ResourceIdentifier } from '../../host/action.js';
import {
  ANNOTATION_DEPENDS_ON,
  VELERO_MUST_INCLUDE_ADDITIONAL_ITEMS,
  withAnnotations,
} from '../../certmanager/annotations.js';
import { uniqueIds } from '../../certmanager/identifiers.js';
import {
  chartRbacFor,
  chartWebhookConfigurations,
  recognizeCertManagerWorkload,
  webhookConfigurationIds,
} from '../../certmanager/installation.js';
import { defineBackupAction } from '../define.js';
import { BACKUP_ACTION_NAMES } from './names.js';
import type { RunScopes } from '../run-scope.js';

export function createBackupRbacAndWebhooks(scopes: RunScopes): BackupAction {
  return defineBackupAction(
    {
      name: BACKUP_ACTION_NAMES.rbacAndWebhooks,
      description:
        "Forces a cert-manager Deployment's ServiceAccount, RBAC (including kube-system leader election) and the webhook configurations into the backup (must-include), and records them for the restore.",
      appliesTo: { includedResources: ['deployments.apps', 'replicasets.apps', 'pods'] },
    },
    scopes,
    async ({ item, log, scope, config }) => {
      const workload = recognizeCertManagerWorkload(
        item,
        config.certManagerNamespace ? { certManagerNamespace: config.certManagerNamespace } : {},
      );
      if (!workload) return { item };
      const serviceAccount = { namespace: workload.namespace, name: workload.serviceAccountName };
      let rbac: ResourceIdentifier[];
      try {
        rbac = await scope.lookups.rbacForServiceAccount(serviceAccount);
      } catch (error) {
        rbac = chartRbacFor(
          workload,
          config.leaderElectionNamespace ? { leaderElectionNamespace: config.leaderElectionNamespace } : {},
        );
        scope.warnOnce(
          `rbac:${serviceAccount.namespace}/${serviceAccount.name}`,
          log,
          "could not list the RBAC bound to a cert-manager ServiceAccount; using the Helm chart's names",
          {
            serviceAccount: `${serviceAccount.namespace}/${serviceAccount.name}`,
            reason: error instanceof Error ? error.message : String(error),
          },
        );
      }
      const lookup = await scope.installation(log);
      const webhooks =
        lookup.status === 'found'
          ? webhookConfigurationIds(
              lookup.installation.validatingWebhookConfigurations,
              lookup.installation.mutatingWebhookConfigurations,
            )
          : chartWebhookConfigurations(workload);
      const dependsOn = uniqueIds([...rbac, ...webhooks]);
      log.debug('cert-manager workload recognised', {
        component: workload.component,
        via: workload.via,
        dependencies: dependsOn.length,
      });
      const stored = withAnnotations(item, { [ANNOTATION_DEPENDS_ON]: JSON.stringify(dependsOn) });
      const additionalItems = scope.firstTime(dependsOn, 'forced');
      if (additionalItems.length === 0) return { item: stored };
      return { item: withAnnotations(stored, { [VELERO_MUST_INCLUDE_ADDITIONAL_ITEMS]: 'true' }), additionalItems };
    },
  );
}

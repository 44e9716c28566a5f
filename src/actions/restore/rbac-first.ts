/**
 * restore-rbac-first: cert-manager's Deployments, ReplicaSets and Pods return the ServiceAccount and
 * RBAC they need as additional items, so they exist before the pods start. Velero before 1.18 restores
 * pods and ReplicaSets early and RBAC in the alphabetical middle, which leaves the webhook unable to
 * read its CA Secret (NotReady) and the controllers without their leader-election Roles.
 *
 * The list comes from the annotation backup-rbac-and-webhooks recorded; for backups taken without the
 * plugin, from the Helm chart's naming. Webhook configurations are deliberately not pulled forward:
 * live before the webhook serves, they would reject every cert-manager object. The annotation is
 * removed from the restored object.
 */
import type { ResourceIdentifier, RestoreAction } from '../../host/action.js';
import { ANNOTATION_DEPENDS_ON, PLUGIN_ANNOTATIONS, withoutAnnotations } from '../../certmanager/annotations.js';
import {
  CLUSTER_ROLE_BINDINGS,
  CLUSTER_ROLES,
  ROLE_BINDINGS,
  ROLES,
  SERVICE_ACCOUNTS,
} from '../../certmanager/identifiers.js';
import { chartRbacFor, recognizeCertManagerWorkload } from '../../certmanager/installation.js';
import { isObject } from '../../certmanager/object-access.js';
import { defineRestoreAction } from '../define.js';
import type { RunScopes } from '../run-scope.js';
import { RESTORE_ACTION_NAMES } from './names.js';

const RBAC_TYPES = [SERVICE_ACCOUNTS, ROLES, ROLE_BINDINGS, CLUSTER_ROLES, CLUSTER_ROLE_BINDINGS];

function isRbac(id: ResourceIdentifier): boolean {
  return RBAC_TYPES.some((type) => type.group === id.group && type.resource === id.resource);
}

/** The identifiers recorded at backup, or undefined when absent or unreadable. */
export function recordedDependencies(value: string | undefined): ResourceIdentifier[] | undefined {
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  const valid = parsed.filter(
    (entry): entry is ResourceIdentifier =>
      isObject(entry) &&
      ['group', 'resource', 'namespace', 'name'].every((field) => typeof entry[field] === 'string') &&
      entry.name !== '',
  );
  return valid.map(({ group, resource, namespace, name }) => ({ group, resource, namespace, name }));
}

export function createRestoreRbacFirst(scopes: RunScopes): RestoreAction {
  return defineRestoreAction(
    {
      name: RESTORE_ACTION_NAMES.rbacFirst,
      description:
        "Restores a cert-manager Deployment's, ReplicaSet's or Pod's ServiceAccount and RBAC before it (matters before Velero 1.18).",
      appliesTo: { includedResources: ['deployments.apps', 'replicasets.apps', 'pods'] },
    },
    scopes,
    ({ item, itemFromBackup, config, log }) => {
      const annotation = itemFromBackup.metadata.annotations?.[ANNOTATION_DEPENDS_ON];
      let dependencies = recordedDependencies(annotation);
      if (annotation !== undefined && dependencies === undefined)
        log.warn(`ignoring an unreadable ${ANNOTATION_DEPENDS_ON} annotation; using the Helm chart's names`);
      if (dependencies === undefined) {
        const options = config.certManagerNamespace ? { certManagerNamespace: config.certManagerNamespace } : {};
        const workload = recognizeCertManagerWorkload(itemFromBackup, options);
        if (!workload) return { item };
        dependencies = chartRbacFor(
          workload,
          config.leaderElectionNamespace ? { leaderElectionNamespace: config.leaderElectionNamespace } : {},
        );
        log.debug("backup carries no recorded dependencies; using the Helm chart's names", {
          component: workload.component,
        });
      }
      const additionalItems = dependencies.filter(isRbac);
      const restored = withoutAnnotations(item, PLUGIN_ANNOTATIONS);
      return additionalItems.length > 0 ? { item: restored, additionalItems } : { item: restored };
    },
  );
}

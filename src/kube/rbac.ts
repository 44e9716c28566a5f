/**
 * The RBAC that grants a ServiceAccount its rights: every RoleBinding (any namespace: cert-manager's
 * leader-election RoleBindings live in kube-system) and ClusterRoleBinding naming the ServiceAccount as
 * a subject, and the Role or ClusterRole each refers to.
 *
 * Bindings to the groups every ServiceAccount belongs to (`system:serviceaccounts[:<ns>]`) are left out
 * on purpose: they are shared by every workload and not part of one installation.
 */
import type { ResourceIdentifier } from '../host/action.js';
import type { BindingShape, SubjectShape } from './shapes.js';
import type { NamespacedName } from './types.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/**
 * Does `subject` of a binding in `bindingNamespace` ('' for a ClusterRoleBinding) name the ServiceAccount?
 * A RoleBinding's ServiceAccount subject without a namespace means the binding's own namespace, as the
 * RBAC authorizer reads it.
 */
export function subjectIsServiceAccount(subject: SubjectShape, bindingNamespace: string, sa: NamespacedName): boolean {
  if (subject.kind !== 'ServiceAccount' || subject.name !== sa.name) return false;
  const namespace = subject.namespace !== undefined && subject.namespace !== '' ? subject.namespace : bindingNamespace;
  return namespace === sa.namespace;
}

/**
 * Identifiers (Velero's form) of the ServiceAccount and of the bindings and roles that bind it, in a
 * stable order: the ServiceAccount, then cluster-scoped objects, then namespaced ones, each sorted.
 * Roles are named by reference; one that no longer exists is skipped by Velero with a warning.
 */
export function rbacIdentifiers(
  sa: NamespacedName,
  clusterRoleBindings: BindingShape[],
  roleBindings: BindingShape[],
): ResourceIdentifier[] {
  const found = new Map<string, ResourceIdentifier>();
  const add = (id: ResourceIdentifier) => found.set(`${id.group}/${id.resource}/${id.namespace}/${id.name}`, id);
  const roleFor = (binding: BindingShape, bindingNamespace: string) => {
    if (binding.roleRef.kind === 'ClusterRole')
      add({ group: RBAC_GROUP, resource: 'clusterroles', namespace: '', name: binding.roleRef.name });
    else if (binding.roleRef.kind === 'Role')
      add({ group: RBAC_GROUP, resource: 'roles', namespace: bindingNamespace, name: binding.roleRef.name });
  };
  for (const binding of clusterRoleBindings) {
    if (!binding.metadata?.name || !(binding.subjects ?? []).some((s) => subjectIsServiceAccount(s, '', sa))) continue;
    add({ group: RBAC_GROUP, resource: 'clusterrolebindings', namespace: '', name: binding.metadata.name });
    roleFor(binding, '');
  }
  for (const binding of roleBindings) {
    const namespace = binding.metadata?.namespace ?? '';
    if (
      !binding.metadata?.name ||
      !namespace ||
      !(binding.subjects ?? []).some((s) => subjectIsServiceAccount(s, namespace, sa))
    )
      continue;
    add({ group: RBAC_GROUP, resource: 'rolebindings', namespace, name: binding.metadata.name });
    roleFor(binding, namespace);
  }
  const order = ['clusterrolebindings', 'clusterroles', 'rolebindings', 'roles'];
  const sorted = [...found.values()].sort(
    (a, b) =>
      order.indexOf(a.resource) - order.indexOf(b.resource) ||
      a.namespace.localeCompare(b.namespace) ||
      a.name.localeCompare(b.name),
  );
  return [{ group: '', resource: 'serviceaccounts', namespace: sa.namespace, name: sa.name }, ...sorted];
}

/**
 * The parts of @kubernetes/client-node the plugin uses, imported by name so a bundler keeps only them.
 * src/kube/client.ts loads this module lazily (on the first cluster question); a dynamic import of the
 * package itself would keep every export of the modules it names, since the bundler cannot tell which
 * members of a namespace object are used.
 *
 * Two modules of the package instead of its index: the index also loads watch, exec, attach,
 * port-forward, cp (tar), informers, metrics and their dependencies (ws, tar-stream, ...), none of which
 * the plugin uses. The package has no `exports` map, so these paths are public files of its dist/,
 * pinned with the package version.
 */
export { KubeConfig } from '@kubernetes/client-node/dist/config.js';
export {
  ObjectAdmissionregistrationV1Api as AdmissionregistrationV1Api,
  ObjectAppsV1Api as AppsV1Api,
  ObjectCoreV1Api as CoreV1Api,
  ObjectDiscoveryV1Api as DiscoveryV1Api,
  ObjectRbacAuthorizationV1Api as RbacAuthorizationV1Api,
} from '@kubernetes/client-node/dist/gen/types/ObjectParamAPI.js';

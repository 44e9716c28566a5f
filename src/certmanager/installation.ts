/**
 * Recognising cert-manager's own workloads (Deployments, ReplicaSets, Pods) and what the Helm chart
 * names around them (../shared/docs/cert-manager-facts.md section 6).
 *
 * Recognition is deliberately layered so it survives customised installs: the chart's labels first,
 * then the container image names, then the configured cert-manager namespace. The chart-naming
 * functions are the fallback for when the live cluster cannot be asked (no API access at backup time,
 * or a backup taken without this plugin at restore time).
 */
import type { KubeObject, ResourceIdentifier } from '../host/action.js';
import {
  CLUSTER_ROLE_BINDINGS,
  CLUSTER_ROLES,
  MUTATING_WEBHOOK_CONFIGURATIONS,
  ROLE_BINDINGS,
  ROLES,
  VALIDATING_WEBHOOK_CONFIGURATIONS,
  identifier,
  serviceAccountId,
} from './identifiers.js';
import { apiGroupOf } from './kinds.js';
import { arrayAt, objectAt, stringAt } from './object-access.js';

export type CertManagerComponent = 'controller' | 'webhook' | 'cainjector';

/** The namespace the Helm chart puts leader-election Roles in (`global.leaderElection.namespace`). */
const DEFAULT_LEADER_ELECTION_NAMESPACE = 'kube-system';
/** The namespace cert-manager's documentation installs into. */
export const DEFAULT_CERT_MANAGER_NAMESPACE = 'cert-manager';

const LABEL_INSTANCE = 'app.kubernetes.io/instance';
const LABEL_COMPONENT = 'app.kubernetes.io/component';
const LABEL_NAME = 'app.kubernetes.io/name';
const LABEL_HELM_CHART = 'helm.sh/chart';

/** The long-running components, whose ServiceAccount and RBAC the actions carry along. */
const COMPONENTS: readonly CertManagerComponent[] = ['controller', 'webhook', 'cainjector'];

/** Every workload the chart deploys: the long-running components plus the one-shot startupapicheck. */
export type CertManagerWorkloadComponent = CertManagerComponent | 'startupapicheck';
const WORKLOAD_COMPONENTS: readonly CertManagerWorkloadComponent[] = [...COMPONENTS, 'startupapicheck'];

/** `app.kubernetes.io/name` the chart gives each component (the controller's is the chart's own name). */
const CHART_NAMES: Record<CertManagerWorkloadComponent, string> = {
  controller: 'cert-manager',
  webhook: 'webhook',
  cainjector: 'cainjector',
  startupapicheck: 'startupapicheck',
};

/** Image repositories end in `cert-manager-<component>` (quay.io/jetstack/cert-manager-controller:v1.x). */
function imagePattern(components: readonly string[]): RegExp {
  return new RegExp(`(?:^|/)cert-manager-(${components.join('|')})(?:[:@]|$)`);
}
const IMAGE_PATTERN = imagePattern(COMPONENTS);
const WORKLOAD_IMAGE_PATTERN = imagePattern(WORKLOAD_COMPONENTS);

/** The cert-manager component an image runs (startupapicheck included), or undefined. */
export function componentOfImage(image: string | undefined): CertManagerWorkloadComponent | undefined {
  return WORKLOAD_IMAGE_PATTERN.exec(image ?? '')?.[1] as CertManagerWorkloadComponent | undefined;
}

/** The few fields of a Deployment that {@link componentOfDeployment} reads (client-node models fit). */
export interface DeploymentLike {
  metadata?: { labels?: Record<string, string> };
  spec?: { template?: { spec?: { containers?: { image?: string }[] } } };
}

/**
 * The component a live Deployment runs (startupapicheck included), or undefined when it is not
 * cert-manager's: the chart's own labels (`app.kubernetes.io/component` with the matching
 * `app.kubernetes.io/name`) on the Deployment, else the first container running a cert-manager image.
 */
export function componentOfDeployment(deployment: DeploymentLike): CertManagerWorkloadComponent | undefined {
  const labels = deployment.metadata?.labels ?? {};
  const component = WORKLOAD_COMPONENTS.find((known) => known === labels[LABEL_COMPONENT]);
  if (component && CHART_NAMES[component] === labels[LABEL_NAME]) return component;
  for (const container of deployment.spec?.template?.spec?.containers ?? []) {
    const fromImage = componentOfImage(container.image);
    if (fromImage) return fromImage;
  }
  return undefined;
}

export interface RecognizedWorkload {
  component: CertManagerComponent;
  /** What identified it, for logs. */
  via: 'chart-labels' | 'image' | 'namespace';
  namespace: string;
  /** The pod's ServiceAccount ("default" when the pod spec names none). */
  serviceAccountName: string;
  /**
   * The component's chart full name (`cert-manager`, `cert-manager-webhook`, ...): the Deployment
   * name, which the chart also gives the ServiceAccount and the component's RBAC.
   */
  componentFullname: string;
}

export interface RecognitionOptions {
  /** Configured cert-manager namespace: workloads there named like cert-manager's count too. */
  certManagerNamespace?: string;
}

/** The pod spec of a Pod, or the pod template spec of a Deployment, ReplicaSet, StatefulSet... */
function podSpecOf(item: KubeObject): unknown {
  return item.kind === 'Pod' ? item.spec : objectAt(item, 'spec', 'template', 'spec');
}

function podLabelsOf(item: KubeObject): Record<string, string> {
  const own = item.metadata.labels ?? {};
  if (item.kind === 'Pod') return own;
  const template = objectAt(item, 'spec', 'template', 'metadata', 'labels') ?? {};
  const merged: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...template, ...own }))
    if (typeof value === 'string') merged[key] = value;
  return merged;
}

const WORKLOAD_KINDS = new Set(['Deployment', 'ReplicaSet', 'Pod']);

/** True for apps/v1 Deployments and ReplicaSets and core Pods. */
function isWorkload(item: KubeObject): boolean {
  const group = apiGroupOf(item.apiVersion);
  return WORKLOAD_KINDS.has(item.kind) && (item.kind === 'Pod' ? group === '' : group === 'apps');
}

function componentFromLabels(labels: Record<string, string>): CertManagerComponent | undefined {
  const component = labels[LABEL_COMPONENT];
  if (!COMPONENTS.includes(component as CertManagerComponent)) return undefined;
  const chart = labels[LABEL_HELM_CHART] ?? '';
  const instance = labels[LABEL_INSTANCE] ?? '';
  // The chart's labels alone (name "webhook", component "webhook") are generic; require a sign of
  // cert-manager: the Helm chart label (Helm installs) or the release name (static manifests).
  if (chart.startsWith('cert-manager-') || chart === 'cert-manager' || instance.includes('cert-manager')) {
    return component as CertManagerComponent;
  }
  return undefined;
}

function componentFromImages(podSpec: unknown): CertManagerComponent | undefined {
  for (const container of [...arrayAt(podSpec, 'containers'), ...arrayAt(podSpec, 'initContainers')]) {
    const image = stringAt(container, 'image');
    const match = image === undefined ? null : IMAGE_PATTERN.exec(image);
    if (match?.[1]) return match[1] as CertManagerComponent;
  }
  return undefined;
}

function componentFromName(name: string): CertManagerComponent | undefined {
  if (name.endsWith('-webhook') || name === 'webhook') return 'webhook';
  if (name.endsWith('-cainjector') || name === 'cainjector') return 'cainjector';
  if (name.includes('cert-manager')) return 'controller';
  return undefined;
}

/**
 * The Deployment name a ReplicaSet or Pod belongs to: from the controller owner reference of a
 * ReplicaSet, or by removing the generated suffixes (`-<pod-template-hash>[-<random>]`).
 */
function deploymentNameOf(item: KubeObject): string {
  const name = item.metadata.name ?? '';
  if (item.kind === 'Deployment') return name;
  const hash = item.metadata.labels?.['pod-template-hash'];
  if (item.kind === 'ReplicaSet') {
    const owner = (item.metadata.ownerReferences ?? []).find((ref) => ref.controller && ref.kind === 'Deployment');
    if (owner) return owner.name;
    return hash && name.endsWith(`-${hash}`) ? name.slice(0, -hash.length - 1) : name;
  }
  const owner = (item.metadata.ownerReferences ?? []).find((ref) => ref.controller && ref.kind === 'ReplicaSet');
  const replicaSet = owner?.name ?? name.replace(/-[a-z0-9]{5}$/, '');
  return hash && replicaSet.endsWith(`-${hash}`) ? replicaSet.slice(0, -hash.length - 1) : replicaSet;
}

/** Recognises a cert-manager controller, webhook or cainjector Deployment, ReplicaSet or Pod. */
export function recognizeCertManagerWorkload(
  item: KubeObject,
  options: RecognitionOptions = {},
): RecognizedWorkload | undefined {
  if (!isWorkload(item)) return undefined;
  const podSpec = podSpecOf(item);
  const namespace = item.metadata.namespace ?? '';
  const deploymentName = deploymentNameOf(item);
  let component: CertManagerComponent | undefined;
  let via: RecognizedWorkload['via'] | undefined;
  if ((component = componentFromLabels(podLabelsOf(item)))) via = 'chart-labels';
  else if ((component = componentFromImages(podSpec))) via = 'image';
  else if (
    options.certManagerNamespace &&
    namespace === options.certManagerNamespace &&
    (component = componentFromName(deploymentName))
  ) {
    via = 'namespace';
  }
  if (!component || !via) return undefined;
  const serviceAccountName =
    stringAt(podSpec, 'serviceAccountName') ?? stringAt(podSpec, 'serviceAccount') ?? 'default';
  return { component, via, namespace, serviceAccountName, componentFullname: deploymentName };
}

/** The chart's base full name (`cert-manager` for release `cert-manager`) from a component full name. */
export function chartFullname(workload: Pick<RecognizedWorkload, 'component' | 'componentFullname'>): string {
  const suffix = workload.component === 'controller' ? '' : `-${workload.component}`;
  return suffix && workload.componentFullname.endsWith(suffix)
    ? workload.componentFullname.slice(0, -suffix.length)
    : workload.componentFullname;
}

/** The webhook's full name as the chart builds it: base full name truncated to 55 characters + `-webhook`. */
export function chartWebhookFullname(baseFullname: string): string {
  return `${baseFullname.slice(0, 55).replace(/-+$/, '')}-webhook`;
}

const CONTROLLER_CLUSTER_ROLE_SUFFIXES = [
  'issuers',
  'clusterissuers',
  'certificates',
  'orders',
  'challenges',
  'ingress-shim',
  'approve:cert-manager-io',
  'certificatesigningrequests',
];

export interface ChartNamingOptions {
  leaderElectionNamespace?: string;
}

/**
 * The ServiceAccount and RBAC the Helm chart renders for a component, by the chart's naming rules. Used
 * only when the live cluster cannot say (see ClusterLookups.rbacForServiceAccount); an object that a
 * customised install does not have is simply not found later, which Velero reports as a warning.
 */
export function chartRbacFor(workload: RecognizedWorkload, options: ChartNamingOptions = {}): ResourceIdentifier[] {
  const leaderElection = options.leaderElectionNamespace ?? DEFAULT_LEADER_ELECTION_NAMESPACE;
  const base = chartFullname(workload);
  const own = workload.componentFullname;
  const ids: ResourceIdentifier[] = [];
  if (workload.serviceAccountName !== 'default')
    ids.push(serviceAccountId(workload.namespace, workload.serviceAccountName));
  const rolePair = (namespace: string, name: string) =>
    ids.push(identifier(ROLES, namespace, name), identifier(ROLE_BINDINGS, namespace, name));
  const clusterRolePair = (name: string) =>
    ids.push(identifier(CLUSTER_ROLES, '', name), identifier(CLUSTER_ROLE_BINDINGS, '', name));
  switch (workload.component) {
    case 'controller':
      rolePair(leaderElection, `${base}:leaderelection`);
      for (const suffix of CONTROLLER_CLUSTER_ROLE_SUFFIXES) clusterRolePair(`${base}-controller-${suffix}`);
      break;
    case 'webhook':
      rolePair(workload.namespace, `${own}:dynamic-serving`);
      clusterRolePair(`${own}:subjectaccessreviews`);
      break;
    case 'cainjector':
      clusterRolePair(own);
      rolePair(leaderElection, `${own}:leaderelection`);
      break;
  }
  return ids;
}

/** The chart's webhook configurations (both named after the webhook's full name, cluster-scoped). */
export function chartWebhookConfigurations(
  workload: Pick<RecognizedWorkload, 'component' | 'componentFullname'>,
): ResourceIdentifier[] {
  const webhook =
    workload.component === 'webhook' ? workload.componentFullname : chartWebhookFullname(chartFullname(workload));
  return [
    identifier(VALIDATING_WEBHOOK_CONFIGURATIONS, '', webhook),
    identifier(MUTATING_WEBHOOK_CONFIGURATIONS, '', webhook),
  ];
}

/** Webhook configuration identifiers from their names as found in the live cluster. */
export function webhookConfigurationIds(
  validating: readonly string[],
  mutating: readonly string[],
): ResourceIdentifier[] {
  return [
    ...validating.map((name) => identifier(VALIDATING_WEBHOOK_CONFIGURATIONS, '', name)),
    ...mutating.map((name) => identifier(MUTATING_WEBHOOK_CONFIGURATIONS, '', name)),
  ];
}

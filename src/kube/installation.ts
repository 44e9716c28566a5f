/**
 * Recognising a cert-manager installation from the cluster's Deployments and webhook configurations
 * (pure; the chart's naming and labels are described in cert-manager-facts.md section 6).
 *
 * Which Deployments are cert-manager's, and which component each runs, is src/certmanager's knowledge
 * (`componentOfDeployment`: the chart's labels, else cert-manager's images); this module only reads the
 * live objects around them.
 */
import { componentOfDeployment, componentOfImage } from '../certmanager/installation.js';
import type { CertManagerDeployment, CertManagerInstallation, NamespacedName } from './types.js';
import type { ContainerShape, DeploymentShape, ServiceShape, WebhookConfigurationShape } from './shapes.js';

const CERT_MANAGER_GROUPS = new Set(['cert-manager.io', 'acme.cert-manager.io']);
/** The cert-manager binary's own default when no --cluster-resource-namespace is given. */
const BINARY_DEFAULT_CLUSTER_RESOURCE_NAMESPACE = 'kube-system';

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

export function describeDeployments(deployments: DeploymentShape[]): CertManagerDeployment[] {
  const found: CertManagerDeployment[] = [];
  for (const deployment of deployments) {
    const component = componentOfDeployment(deployment);
    const { name, namespace } = deployment.metadata ?? {};
    if (!component || !name || !namespace) continue;
    found.push({
      namespace,
      name,
      component,
      serviceAccountName: nonEmpty(deployment.spec?.template?.spec?.serviceAccountName) ?? 'default',
    });
  }
  return found.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

/** The controller container: the one running the controller image, else the first. */
function controllerContainer(deployment: DeploymentShape): ContainerShape | undefined {
  const containers = deployment.spec?.template?.spec?.containers ?? [];
  return containers.find((c) => componentOfImage(c.image) === 'controller') ?? containers[0];
}

/**
 * The value of `--cluster-resource-namespace` in the controller's args (`--flag=value` or `--flag value`),
 * with Kubernetes `$(VAR)` references expanded from the container's env (literal values and the
 * `metadata.namespace` field reference the chart uses). Undefined when the flag is absent.
 */
export function clusterResourceNamespaceFlag(deployment: DeploymentShape): string | undefined {
  const container = controllerContainer(deployment);
  if (!container) return undefined;
  const argv = [...(container.command ?? []), ...(container.args ?? [])];
  let raw: string | undefined;
  for (const [i, arg] of argv.entries()) {
    const match = /^--?cluster-resource-namespace(?:=(.*))?$/.exec(arg);
    if (!match) continue;
    raw = match[1] ?? argv[i + 1];
  }
  if (raw === undefined) return undefined;
  const namespace = deployment.metadata?.namespace ?? '';
  const vars = new Map<string, string>();
  for (const env of container.env ?? []) {
    if (env.value !== undefined) vars.set(env.name, env.value);
    else if (env.valueFrom?.fieldRef?.fieldPath === 'metadata.namespace') vars.set(env.name, namespace);
  }
  // Kubernetes leaves $(UNKNOWN) as it is and turns $$ into $.
  return raw.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string | undefined) =>
    whole === '$$' || name === undefined ? '$' : (vars.get(name) ?? whole),
  );
}

/** The ConfigMap mounted as the controller's `--config` file, if any (it may set clusterResourceNamespace). */
export function controllerConfigMapName(deployment: DeploymentShape): string | undefined {
  const container = controllerContainer(deployment);
  const hasConfigFlag = [...(container?.command ?? []), ...(container?.args ?? [])].some((a) =>
    /^--?config(=|$)/.test(a),
  );
  if (!hasConfigFlag) return undefined;
  return deployment.spec?.template?.spec?.volumes?.find((v) => v.configMap?.name)?.configMap?.name;
}

/** A webhook configuration is cert-manager's when it intercepts cert-manager's API groups or calls its webhook Service. */
export function isCertManagerWebhookConfiguration(
  config: WebhookConfigurationShape,
  webhookService: NamespacedName | undefined,
): boolean {
  return (config.webhooks ?? []).some(
    (webhook) =>
      (webhook.rules ?? []).some((rule) => (rule.apiGroups ?? []).some((group) => CERT_MANAGER_GROUPS.has(group))) ||
      (webhookService !== undefined &&
        webhook.clientConfig?.service?.namespace === webhookService.namespace &&
        webhook.clientConfig.service.name === webhookService.name),
  );
}

/**
 * The webhook's Service: the one cert-manager's webhook configurations call, else a Service in the
 * webhook Deployment's namespace whose selector picks the webhook's Pods.
 */
export function findWebhookService(
  webhookDeployment: DeploymentShape | undefined,
  configurations: WebhookConfigurationShape[],
  services: ServiceShape[],
): NamespacedName | undefined {
  for (const config of configurations) {
    for (const webhook of config.webhooks ?? []) {
      const service = webhook.clientConfig?.service;
      if (service && (webhook.rules ?? []).some((r) => (r.apiGroups ?? []).some((g) => CERT_MANAGER_GROUPS.has(g)))) {
        return { namespace: service.namespace, name: service.name };
      }
    }
  }
  const podLabels = webhookDeployment?.spec?.template?.metadata?.labels ?? {};
  const namespace = webhookDeployment?.metadata?.namespace;
  const match = services.find((service) => {
    const selector = service.spec?.selector ?? {};
    const keys = Object.keys(selector);
    return (
      service.metadata?.namespace === namespace && keys.length > 0 && keys.every((k) => podLabels[k] === selector[k])
    );
  });
  return match?.metadata?.name && namespace ? { namespace, name: match.metadata.name } : undefined;
}

export interface InstallationInputs {
  deployments: DeploymentShape[];
  validating: WebhookConfigurationShape[];
  mutating: WebhookConfigurationShape[];
  services: ServiceShape[];
  /** clusterResourceNamespace from the controller's --config file, when it has one. */
  configFileClusterResourceNamespace?: string;
  /** clusterResourceNamespace from the plugin's own configuration: wins over everything. */
  pluginConfigClusterResourceNamespace?: string;
}

/** Puts the pieces together; undefined when no cert-manager Deployment exists. */
export function describeInstallation(inputs: InstallationInputs): CertManagerInstallation | undefined {
  const deployments = describeDeployments(inputs.deployments);
  const [first] = deployments;
  if (!first) return undefined;
  const controller = deployments.find((d) => d.component === 'controller');
  const namespace = (controller ?? first).namespace;
  const objectOf = (found: CertManagerDeployment | undefined) =>
    found
      ? inputs.deployments.find((d) => d.metadata?.namespace === found.namespace && d.metadata.name === found.name)
      : undefined;
  const controllerObject = objectOf(controller);
  const webhookObject = objectOf(deployments.find((d) => d.component === 'webhook'));

  let clusterResourceNamespace: string;
  let source: CertManagerInstallation['clusterResourceNamespaceSource'];
  const flag = controllerObject && clusterResourceNamespaceFlag(controllerObject);
  if (inputs.pluginConfigClusterResourceNamespace) {
    clusterResourceNamespace = inputs.pluginConfigClusterResourceNamespace;
    source = 'plugin-config';
  } else if (flag) {
    clusterResourceNamespace = flag;
    source = 'controller-flag';
  } else if (inputs.configFileClusterResourceNamespace) {
    clusterResourceNamespace = inputs.configFileClusterResourceNamespace;
    source = 'controller-flag';
  } else if (controllerObject) {
    // The controller runs with neither flag nor config file: the binary's own default applies.
    clusterResourceNamespace = BINARY_DEFAULT_CLUSTER_RESOURCE_NAMESPACE;
    source = 'default';
  } else {
    clusterResourceNamespace = namespace;
    source = 'controller-namespace';
  }

  const webhookService = findWebhookService(webhookObject, [...inputs.validating, ...inputs.mutating], inputs.services);
  const names = (configs: WebhookConfigurationShape[]) =>
    configs
      .filter((c) => isCertManagerWebhookConfiguration(c, webhookService))
      .map((c) => c.metadata?.name ?? '')
      .filter(Boolean)
      .sort();
  return {
    namespace,
    clusterResourceNamespace,
    clusterResourceNamespaceSource: source,
    deployments,
    ...(webhookService ? { webhookService } : {}),
    validatingWebhookConfigurations: names(inputs.validating),
    mutatingWebhookConfigurations: names(inputs.mutating),
  };
}

/**
 * Test doubles for the actions: an in-memory ClusterLookups that counts its calls, a logger that keeps
 * its lines, and Velero Backup / Restore objects.
 */
import type { ActionLogger, LogFields, ResourceIdentifier, VeleroRequestObject } from '../../../src/host/action.js';
import type { CertManagerInstallation, ClusterLookups, NamespacedName } from '../../../src/kube/types.js';
import { ClusterAccessError } from '../../../src/kube/types.js';
import { RunScopes } from '../../../src/actions/run-scope.js';

export interface LogLine {
  level: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: LogFields;
}

export class RecordingLogger implements ActionLogger {
  constructor(
    readonly lines: LogLine[] = [],
    private readonly bound: LogFields = {},
  ) {}
  private add(level: LogLine['level'], message: string, fields?: LogFields) {
    this.lines.push({ level, message, fields: { ...this.bound, ...fields } });
  }
  trace(message: string, fields?: LogFields) {
    this.add('trace', message, fields);
  }
  debug(message: string, fields?: LogFields) {
    this.add('debug', message, fields);
  }
  info(message: string, fields?: LogFields) {
    this.add('info', message, fields);
  }
  warn(message: string, fields?: LogFields) {
    this.add('warn', message, fields);
  }
  error(message: string, fields?: LogFields) {
    this.add('error', message, fields);
  }
  with(fields: LogFields): ActionLogger {
    return new RecordingLogger(this.lines, { ...this.bound, ...fields });
  }
  at(level: LogLine['level']): string[] {
    return this.lines.filter((line) => line.level === level).map((line) => line.message);
  }
}

export interface FakeLookupsOptions {
  config?: Record<string, string>;
  installation?: CertManagerInstallation | 'unreachable';
  rbac?: Record<string, ResourceIdentifier[]> | 'forbidden';
  /** Answers of serviceHasReadyEndpoints, one per call; the last one repeats. */
  ready?: boolean[];
}

export class FakeLookups implements ClusterLookups {
  calls: Record<string, number> = {
    pluginConfig: 0,
    certManagerInstallation: 0,
    rbacForServiceAccount: 0,
    serviceHasReadyEndpoints: 0,
  };
  constructor(private readonly options: FakeLookupsOptions = {}) {}
  private count(method: string): number {
    const before = this.calls[method] ?? 0;
    this.calls[method] = before + 1;
    return before;
  }
  pluginConfig(): Promise<Record<string, string>> {
    this.count('pluginConfig');
    return Promise.resolve(this.options.config ?? {});
  }
  certManagerInstallation(): Promise<CertManagerInstallation | undefined> {
    this.count('certManagerInstallation');
    if (this.options.installation === 'unreachable')
      return Promise.reject(new ClusterAccessError('connect ECONNREFUSED 127.0.0.1:6443', 'unreachable'));
    return Promise.resolve(this.options.installation);
  }
  rbacForServiceAccount(sa: NamespacedName): Promise<ResourceIdentifier[]> {
    this.count('rbacForServiceAccount');
    if (this.options.rbac === 'forbidden')
      return Promise.reject(new ClusterAccessError('rolebindings is forbidden', 'forbidden'));
    return Promise.resolve(this.options.rbac?.[`${sa.namespace}/${sa.name}`] ?? []);
  }
  serviceHasReadyEndpoints(): Promise<boolean> {
    const answers = this.options.ready ?? [true];
    const call = this.count('serviceHasReadyEndpoints');
    return Promise.resolve(answers[Math.min(call, answers.length - 1)] ?? true);
  }
}

export function scopesFor(lookups: ClusterLookups): RunScopes {
  return new RunScopes({ lookupsFor: () => lookups });
}

export function backupRequest(spec: Record<string, unknown> = {}, uid = 'backup-uid-1'): VeleroRequestObject {
  return { apiVersion: 'velero.io/v1', kind: 'Backup', metadata: { name: 'b1', namespace: 'velero', uid }, spec };
}

export function restoreRequest(spec: Record<string, unknown> = {}, uid = 'restore-uid-1'): VeleroRequestObject {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Restore',
    metadata: { name: 'r1', namespace: 'velero', uid },
    spec: { backupName: 'b1', ...spec },
  };
}

export const HELM_INSTALLATION: CertManagerInstallation = {
  namespace: 'cert-manager',
  clusterResourceNamespace: 'cert-manager',
  clusterResourceNamespaceSource: 'controller-flag',
  deployments: [
    { namespace: 'cert-manager', name: 'cert-manager', component: 'controller', serviceAccountName: 'cert-manager' },
    {
      namespace: 'cert-manager',
      name: 'cert-manager-webhook',
      component: 'webhook',
      serviceAccountName: 'cert-manager-webhook',
    },
    {
      namespace: 'cert-manager',
      name: 'cert-manager-cainjector',
      component: 'cainjector',
      serviceAccountName: 'cert-manager-cainjector',
    },
  ],
  webhookService: { namespace: 'cert-manager', name: 'cert-manager-webhook' },
  validatingWebhookConfigurations: ['cert-manager-webhook'],
  mutatingWebhookConfigurations: ['cert-manager-webhook'],
};

/** `group/resource/namespace/name` strings, compact for assertions. */
export function ids(list: readonly ResourceIdentifier[] | undefined): string[] {
  return (list ?? []).map((id) => `${id.group}/${id.resource}/${id.namespace}/${id.name}`);
}

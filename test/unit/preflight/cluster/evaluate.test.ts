import { expect } from 'chai';
import { settleFindings, type KubeObject, type LiveFinding } from '../../../../src/preflight/audit/findings.js';
import type { InventoryItem } from '../../../../src/preflight/audit/inventory.js';
import { CLUSTER_RULES } from '../../../../src/preflight/cluster/rules.js';
import {
  contextFromFacts,
  evaluateSubject,
  installationFindings,
  parseSelector,
} from '../../../../src/preflight/cluster/evaluate.js';
import { findVeleroServer, type LiveFacts } from '../../../../src/preflight/cluster/facts.js';
import { unitFromArgv } from '../../../../src/preflight/sources.js';
import type { LintContext } from '../../../../src/preflight/spec.js';
import { parseVersion } from '../../../../src/preflight/version.js';
import * as F from '../audit/fixtures.js';

const item = ([resource, obj]: [string, { metadata: { name: string; namespace?: string } }]): InventoryItem => ({
  groupResource: resource,
  namespace: obj.metadata.namespace ?? '',
  name: obj.metadata.name,
  object: obj as unknown as KubeObject,
});

const veleroDeployment = (image: string, initImages: string[]): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'velero', namespace: 'velero' },
  spec: {
    template: {
      spec: {
        containers: [{ name: 'velero', image, command: ['/velero'], args: ['server', '--features='] }],
        initContainers: initImages.map((i, n) => ({ name: `p${n}`, image: i })),
      },
    },
  },
});

function facts(overrides: Partial<LiveFacts> = {}): LiveFacts {
  const objects = F.healthyBackup().filter(
    ([r]) => !r.startsWith('customresourcedefinitions') && !r.startsWith('validating') && !r.startsWith('clusterroles'),
  );
  return {
    server: 'https://127.0.0.1:6443',
    context: 'test',
    namespaces: ['app', 'cert-manager', 'other'].map((name) => ({ name, labels: {} })),
    certManager: { namespace: 'cert-manager', clusterResourceNamespace: 'cert-manager', source: 'controller-flag' },
    velero: findVeleroServer([veleroDeployment('velero/velero:v1.17.2', ['velero/velero-plugin-for-aws:v1.13.0'])])!,
    pluginConfigMaps: [],
    otherConfigMaps: [],
    crds: [...F.CRDS].sort(),
    items: objects.map(item),
    requests: 0,
    ...overrides,
  };
}

const baseCtx: LintContext = {
  veleroVersion: parseVersion('1.18.1')!,
  pluginInstalled: false,
  veleroNamespace: 'velero',
  clusterResourceNamespace: 'cert-manager',
};

function evaluate(argv: string, f: LiveFacts = facts(), pluginInstalled?: boolean): LiveFinding[] {
  const ctx = contextFromFacts(f, baseCtx, pluginInstalled === undefined ? {} : { pluginInstalled: true });
  if (pluginInstalled !== undefined) ctx.pluginInstalled = pluginInstalled;
  const subject = unitFromArgv(argv.split(' '), ctx.veleroVersion).subject;
  return settleFindings(evaluateSubject(subject, f, ctx), CLUSTER_RULES, undefined, ctx.pluginInstalled);
}
const messages = (fs: LiveFinding[]) => fs.map((f) => `${f.ruleId} ${f.severity}: ${f.message}`);

describe('preflight cluster mode: context from the live cluster', () => {
  it('takes the Velero version from the image, plugin awareness from the init containers, and labelled namespaces', () => {
    const f = facts({
      namespaces: [
        { name: 'app', labels: {} },
        { name: 'scratch', labels: { 'velero.io/exclude-from-backup': 'true' } },
      ],
    });
    const ctx = contextFromFacts(f, baseCtx, {});
    expect([
      ctx.veleroVersion.minor,
      ctx.veleroVersion.patch,
      ctx.pluginInstalled,
      ctx.cluster?.namespacesLabelledExcludeFromBackup,
    ]).to.deep.equal([17, 2, false, ['scratch']]);
    const withPlugin = facts({
      velero: findVeleroServer([
        veleroDeployment('velero/velero:v1.18.1', [
          'ghcr.io/velero-plugin-for-cert-manager/velero-plugin-for-cert-manager:0.1.0',
        ]),
      ])!,
    });
    expect(contextFromFacts(withPlugin, baseCtx, {}).pluginInstalled).to.equal(true);
    // Pushed to the user's own registry under the same repository name: still the plugin.
    const pushed = [
      veleroDeployment('velero/velero:v1.18.1', [
        'registry.example.com:5000/ops/velero-plugin-for-cert-manager@sha256:00',
      ]),
    ];
    expect(findVeleroServer(pushed)?.ourPluginInstalled).to.equal(true);
    // Renamed: only when named with --plugin-image / pluginImages.
    const renamed = [veleroDeployment('velero/velero:v1.18.1', ['registry.example.com/ops/cm-plugin:v1'])];
    expect(findVeleroServer(renamed)?.ourPluginInstalled).to.equal(false);
    expect(findVeleroServer(renamed, ['ops/cm-plugin'])?.ourPluginInstalled).to.equal(true);
    expect(
      contextFromFacts(withPlugin, baseCtx, { pluginInstalled: true, veleroVersion: true }).veleroVersion.minor,
    ).to.equal(18);
  });

  it('reports the installations it found, and warns when Velero or cert-manager is missing', () => {
    const f = facts();
    const found = installationFindings(f, contextFromFacts(f, baseCtx, {}));
    expect(found.map((x) => x.message)).to.deep.equal([
      'Velero 1.17.2 runs as Deployment velero/velero; plugins: velero/velero-plugin-for-aws:v1.13.0; velero-plugin-for-cert-manager not installed; rules checked for Velero 1.17.2',
      'cert-manager runs in namespace cert-manager; its cluster resource namespace is cert-manager (controller-flag); CRDs installed: 6/6',
    ]);
    const { velero: _v, certManager: _c, ...rest } = f;
    const none = installationFindings(rest, baseCtx);
    expect(none.map((x) => x.severity)).to.deep.equal(['warning', 'warning']);
  });
});

describe('preflight cluster mode: a command line against the cluster', () => {
  it('a full backup with cluster resources leaves nothing out', () => {
    expect(evaluate('velero backup create b --include-cluster-resources=true')).to.deep.equal([]);
  });

  it('a namespace-filtered backup names the ClusterIssuer, its Secrets and the CRDs it would leave out', () => {
    expect(messages(evaluate('velero backup create b --include-namespaces app'))).to.deep.equal([
      'CMV202 error: ClusterIssuer letsencrypt, which issues 1 backed-up Certificate (app/web), would be left out: cluster-scoped clusterissuers.cert-manager.io are not backed up with these filters',
      'CMV203 warning: CRD certificaterequests.cert-manager.io would be left out: no certificaterequests.cert-manager.io object would be backed up, and Velero adds only the CRDs of backed-up types',
      'CMV203 warning: CRD challenges.acme.cert-manager.io would be left out: no challenges.acme.cert-manager.io object would be backed up, and Velero adds only the CRDs of backed-up types',
      'CMV203 warning: CRD clusterissuers.cert-manager.io would be left out: no clusterissuers.cert-manager.io object would be backed up, and Velero adds only the CRDs of backed-up types',
      'CMV203 warning: CRD orders.acme.cert-manager.io would be left out: no orders.acme.cert-manager.io object would be backed up, and Velero adds only the CRDs of backed-up types',
    ]);
  });

  it('cluster resources without the cluster resource namespace: the ClusterIssuer Secrets are named', () => {
    expect(
      messages(evaluate('velero backup create b --include-namespaces app --include-cluster-resources=true')),
    ).to.deep.equal([
      'CMV201 error: Secret cert-manager/cloudflare-token (spec.acme.solvers[0].dns01.cloudflare.apiTokenSecretRef of ClusterIssuer letsencrypt) would be left out: --include-namespaces does not include cert-manager',
      'CMV201 error: Secret cert-manager/letsencrypt-account (spec.acme.privateKeySecretRef of ClusterIssuer letsencrypt) would be left out: --include-namespaces does not include cert-manager',
    ]);
  });

  it('judges namespaces as Velero does: globs match, [""] includes none, and the include list is named first', () => {
    // CMV204 names the namespaces holding Certificates or Issuers: in these facts, app only.
    const namespaceFindings = (argv: string) =>
      evaluate(argv)
        .filter((f) => f.ruleId === 'CMV204')
        .map((f) => f.message.replace(/^.* would be left out: /, ''));
    const all = ' --include-cluster-resources=true';
    expect(namespaceFindings(`velero backup create b --include-namespaces cert-*,ap?${all}`)).to.deep.equal([]);
    expect(namespaceFindings(`velero backup create b --include-namespaces=${all}`)).to.deep.equal([
      '--include-namespaces does not include app',
    ]);
    expect(namespaceFindings(`velero backup create b --exclude-namespaces a?p,other${all}`)).to.deep.equal([
      '--exclude-namespaces excludes app',
    ]);
    expect(
      namespaceFindings('velero backup create b --include-namespaces cert-* --exclude-namespaces app'),
    ).to.deep.equal(['--include-namespaces does not include app']);
  });

  it('excluded Secrets and a label selector are reasons too', () => {
    const excluded = evaluate('velero backup create b --exclude-resources secrets --include-cluster-resources=true');
    expect(excluded.filter((f) => f.ruleId === 'CMV201').map((f) => f.subject.name)).to.deep.equal([
      'app/ca-key-pair',
      'app/internal-tls',
      'app/web-tls',
      'cert-manager/cloudflare-token',
      'cert-manager/letsencrypt-account',
    ]);
    expect(excluded[0]!.message).to.match(/the resource filters leave out secrets$/);
    const labelled = facts();
    for (const i of labelled.items) i.object.metadata.labels = i.groupResource === 'secrets' ? {} : { backup: 'yes' };
    const selected = evaluate('velero backup create b -l backup=yes --include-cluster-resources=true', labelled);
    expect(selected.filter((f) => f.ruleId === 'CMV201')).to.have.length(5);
    expect(selected[0]!.message).to.match(/the label selector does not match it$/);
  });

  it('namespaces labelled exclude-from-backup are named, and make the full backup lose cluster resources', () => {
    const f = facts({
      namespaces: [
        { name: 'app', labels: { 'velero.io/exclude-from-backup': 'true' } },
        { name: 'cert-manager', labels: {} },
      ],
    });
    const found = evaluate('velero backup create b', f);
    expect(found.filter((x) => x.ruleId === 'CMV204').map((x) => `${x.severity}: ${x.message}`)).to.deep.equal([
      'warning: namespace app, which holds cert-manager Certificates or Issuers, would be left out: namespace app is labelled velero.io/exclude-from-backup=true',
    ]);
  });

  it('with the plugin installed, issuer and CRD findings drop to info; Secret findings only with forceSecrets', () => {
    const plain = evaluate('velero backup create b --include-namespaces app', facts(), true);
    expect(plain.map((f) => `${f.ruleId} ${f.severity}`)).to.deep.equal([
      'CMV202 info',
      'CMV203 info',
      'CMV203 info',
      'CMV203 info',
      'CMV203 info',
    ]);
    const secrets = evaluate(
      'velero backup create b --include-namespaces app --include-cluster-resources=true',
      facts(),
      true,
    );
    expect(secrets.map((f) => f.severity)).to.deep.equal(['error', 'error']);
    const forced = facts({
      pluginConfigMaps: [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'c', namespace: 'velero' },
          data: { forceSecrets: 'true' },
        },
      ],
    });
    expect(
      evaluate('velero backup create b --include-namespaces app --include-cluster-resources=true', forced, true).map(
        (f) => f.severity,
      ),
    ).to.deep.equal(['info', 'info']);
  });

  it('parses the label selectors Velero takes', () => {
    expect(parseSelector('a=b,c!=d,e,!f')!({ a: 'b', e: '1' })).to.equal(true);
    expect(parseSelector('a=b,c!=d')!({ a: 'b', c: 'd' })).to.equal(false);
    expect(parseSelector('env in (a,b)')).to.equal(undefined);
    expect(parseSelector({ matchLabels: { a: 'b' } })!({ a: 'b' })).to.equal(true);
    expect(parseSelector({ matchExpressions: [{}] })).to.equal(undefined);
  });
});

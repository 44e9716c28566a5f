/**
 * The preflight's behaviour table: command lines and manifest snippets with the exact findings Velero's
 * code says they deserve (rule ids, sorted; a `+` suffix after an id means "and its message contains").
 * Written from ../shared/docs/velero-cli.md (read from Velero v1.18.1) and cert-manager's backup guide.
 */
export interface Case {
  name: string;
  /** A shell command line (parsed by the preflight's own shell reader) ... */
  line?: string;
  /** ... or an exact argv. */
  argv?: string[];
  /** ... or a YAML manifest / values file. */
  yaml?: string;
  /** ... or a file of another kind. */
  file?: { kind: 'shell' | 'makefile' | 'markdown' | 'yaml'; text: string };
  /** Expected rule ids, sorted. `CMV005@3` also pins the line. */
  expect: string[];
  /** Substrings every finding of that rule must contain. */
  messages?: Record<string, string>;
  version?: string;
  plugin?: boolean;
  /** The preflight was told where Velero runs (--velero-namespace); otherwise the namespace is the unknown default. */
  veleroNamespace?: string;
  /** Expected severities when they differ from the defaults. */
  severities?: Record<string, string>;
}

export const EPH = 'challenges.acme.cert-manager.io,orders.acme.cert-manager.io,certificaterequests.cert-manager.io';
/** A backup that covers cert-manager correctly on the old filter engine. */
const B = `velero backup create b --include-cluster-resources=true --exclude-resources ${EPH}`;
/** The same on the scoped engine. */
const BS = `velero backup create b --include-cluster-scoped-resources='*' --exclude-namespace-scoped-resources ${EPH}`;
const R = `velero restore create --from-backup b --exclude-resources ${EPH}`;
const S = `velero schedule create s --schedule '0 1 * * *' --include-cluster-resources=true --exclude-resources ${EPH}`;

/** A Backup manifest naming the resource-policy ConfigMap `pol`; its spec lines follow `resourcePolicy` (line 5). */
function policyBackup(specLines: string): string {
  return `apiVersion: velero.io/v1
kind: Backup
metadata: {name: b, namespace: velero}
spec:
  resourcePolicy: {kind: configmap, name: pol}
  ${specLines}`;
}

/** The ConfigMap `pol` in velero, its policy document (lines indented by 4) as a block scalar. */
function policyConfigMap(policy: string): string {
  return `---
apiVersion: v1
kind: ConfigMap
metadata: {name: pol, namespace: velero}
data:
  policy.yaml: |
    ${policy}`;
}

export const CASES: Case[] = [
  // ---- clean baselines
  { name: 'clean old-style backup', line: B, expect: [] },
  { name: 'clean scoped backup', line: BS, expect: [] },
  { name: 'clean schedule', line: S, expect: [] },
  { name: 'clean restore (shim note only)', line: R, expect: ['CMV048'] },
  { name: 'create backup spelling', line: B.replace('backup create', 'create backup'), expect: [] },
  {
    name: 'global flags before the command',
    line: B.replace('velero backup', 'velero --kubecontext prod -n velero backup'),
    expect: [],
  },
  { name: 'namespace flag equal to velero namespace', line: `${B} --namespace=velero`, expect: [] },
  { name: 'unmodelled velero command', line: 'velero backup get', expect: [] },
  { name: 'velero version', line: 'velero version --client-only', expect: [] },
  { name: 'plain backup: no filters on 1.18', line: 'velero backup create b', expect: ['CMV021', 'CMV027'] },
  {
    name: 'plain backup on 1.16 (no CSI auto-exclude)',
    line: 'velero backup create b',
    version: '1.16.2',
    expect: ['CMV027'],
  },
  { name: 'plain backup on 1.17.0', line: 'velero backup create b', version: '1.17.0', expect: ['CMV021', 'CMV027'] },
  {
    name: 'cert-manager docs example',
    line: `velero backup create full-backup --include-namespaces cert-manager,default --include-cluster-resources=true --exclude-resources ${EPH}`,
    expect: [],
  },

  // ---- A1 bool flag with a separate value
  {
    name: 'A1 include-cluster-resources false on restore',
    line: `${R} --include-cluster-resources false`,
    expect: ['CMV005', 'CMV048'],
    messages: { CMV005: 'positional' },
  },
  {
    name: 'A1 restore without name gets named false',
    line: `velero restore create --from-backup b --exclude-resources ${EPH} --include-cluster-resources false --wait`,
    expect: ['CMV005', 'CMV048'],
  },
  {
    name: 'A1 with a restore name: too many args',
    line: `velero restore create r1 --from-backup b --exclude-resources ${EPH} --include-cluster-resources false`,
    expect: ['CMV004', 'CMV005', 'CMV048'],
  },
  {
    name: 'A1 backup include-cluster-resources false',
    line: `velero backup create b --exclude-resources ${EPH} --include-cluster-resources false`,
    expect: ['CMV004', 'CMV005'],
  },
  { name: 'A1 snapshot-volumes false', line: `${B} --snapshot-volumes false`, expect: ['CMV004', 'CMV005'] },
  { name: 'A1 wait false', line: `${B} --wait false`, expect: ['CMV004', 'CMV005'] },
  { name: 'A1 wait with 0', line: `${B} -w 0`, expect: ['CMV004', 'CMV005'] },
  { name: 'A1 restore-volumes false', line: `${R} --restore-volumes false`, expect: ['CMV005', 'CMV048'] },
  { name: 'A1 paused true on schedule', line: `${S} --paused true`, expect: ['CMV004', 'CMV005'] },
  {
    name: 'A1 install dry-run true',
    line: 'velero install --provider aws --bucket b --no-secret --plugins velero/velero-plugin-for-aws:v1.13.0 --features=EnableAPIGroupVersions --dry-run true',
    // velero install never reads positional words (cobra legacyArgs); the stray `true` is CMV005's
    expect: ['CMV005'],
  },
  { name: 'A1 inline value is fine', line: `${R} --include-cluster-resources=false`, expect: ['CMV041', 'CMV048'] },
  {
    name: 'A1 not for a non-bool word',
    line: `velero backup create b --include-cluster-resources=true --wait --exclude-resources ${EPH}`,
    expect: [],
  },
  { name: 'A1 uppercase TRUE word', line: `${B} --snapshot-move-data TRUE`, expect: ['CMV004', 'CMV005'] },
  { name: 'A1 after -- is positional', line: `${B} -- false`, expect: ['CMV004'] },

  // ---- A2 repeated list flags
  {
    name: 'A2 exclude-resources repeated',
    line: 'velero backup create b --include-cluster-resources=true --exclude-resources orders.acme.cert-manager.io --exclude-resources challenges.acme.cert-manager.io',
    expect: ['CMV006', 'CMV027'],
    messages: { CMV006: 'keeps only the last value "challenges.acme.cert-manager.io"' },
  },
  {
    name: 'A2 include-namespaces repeated',
    line: `${B} --include-namespaces cert-manager --include-namespaces app`,
    expect: ['CMV006', 'CMV026'],
  },
  {
    name: 'A2 install plugins repeated',
    line: 'velero install --provider aws --bucket b --no-secret --features=EnableAPIGroupVersions --plugins velero/velero-plugin-for-aws:v1.13.0 --plugins ghcr.io/velero-plugin-for-cert-manager/velero-plugin-for-cert-manager:v0.1.0',
    expect: ['CMV006'],
  },
  {
    name: 'A2 install features repeated (plain string)',
    line: 'velero install --provider aws --bucket b --no-secret --plugins velero/velero-plugin-for-aws:v1.13.0 --features=EnableCSI --features=EnableAPIGroupVersions',
    expect: ['CMV006'],
  },
  {
    name: 'A2 volume-snapshot-locations appends (no finding)',
    line: `${B} --volume-snapshot-locations a --volume-snapshot-locations b`,
    expect: [],
  },
  { name: 'A2 labels merge (no finding)', line: `${B} --labels a=b --labels c=d`, expect: [] },
  {
    name: 'A2 scoped flag repeated',
    line: `velero backup create b --include-cluster-scoped-resources='*' --exclude-namespace-scoped-resources orders.acme.cert-manager.io --exclude-namespace-scoped-resources challenges.acme.cert-manager.io,certificaterequests.cert-manager.io`,
    expect: ['CMV006', 'CMV027'],
  },
  {
    name: 'A2 root features repeated',
    line: `velero --features=EnableCSI --features=X ${B.slice('velero '.length)}`,
    expect: ['CMV006'],
  },
  { name: 'A2 label-columns repeated', line: `${B} -L a -L b`, expect: ['CMV006'] },
  {
    name: 'A2 restore include-resources repeated',
    line: `${R} --include-resources secrets --include-resources certificates.cert-manager.io`,
    expect: ['CMV006', 'CMV042'],
  },

  // ---- A3 value flag swallows a flag
  {
    name: 'A3 issue 9991',
    line: 'velero backup create b --exclude-namespaces velero --include-cluster-scoped-resources --default-volumes-to-fs-backup --wait',
    // The swallowed flag is no resource list: rules judging the filters wait for CMV007's fix (issue 18 class 6).
    expect: ['CMV007'],
    messages: { CMV007: '"--default-volumes-to-fs-backup"' },
  },
  {
    name: 'A3 skip-immediately swallows paused',
    line: `${S} --skip-immediately --paused`,
    expect: ['CMV003', 'CMV007'],
  },
  { name: 'A3 colorized swallows a word', line: `velero --colorized ${B.slice(7)}`, expect: ['CMV003'] },
  { name: 'A3 storage-location swallows wait', line: `${B} --storage-location --wait`, expect: ['CMV007'] },
  { name: 'A3 ttl swallows a flag', line: `${B} --ttl --wait`, expect: ['CMV003', 'CMV007'] },
  { name: 'A3 value flag at the end', line: `${B} --storage-location`, expect: ['CMV002'] },
  { name: 'A3 shorthand selector at the end', line: `${B} -l`, expect: ['CMV002'] },
  { name: 'A3 skip-immediately with value is fine', line: `${S} --skip-immediately=true`, expect: [] },

  // ---- A4 list shape
  {
    name: 'A4 space after comma',
    argv: [
      'velero',
      'backup',
      'create',
      'b',
      '--include-cluster-resources=true',
      '--exclude-resources',
      'challenges.acme.cert-manager.io, orders.acme.cert-manager.io,certificaterequests.cert-manager.io',
    ],
    expect: ['CMV008', 'CMV027'],
  },
  { name: 'A4 trailing comma', line: `${B},`, expect: ['CMV008'] },
  {
    name: 'A4 empty include-resources',
    line: `${B} --include-resources=`,
    expect: ['CMV008'],
    messages: { CMV008: 'behaves as if unset' },
  },
  {
    name: 'A4 empty include-namespaces',
    line: `${B} --include-namespaces ""`,
    expect: ['CMV008', 'CMV026'],
    messages: { CMV008: 'includes no namespace' },
  },
  {
    name: 'A4 restore empty exclude',
    line: `velero restore create --from-backup b --exclude-resources=`,
    expect: ['CMV008', 'CMV047', 'CMV048'],
  },
  {
    name: 'A4 double comma in scoped list',
    line: `velero backup create b --include-cluster-scoped-resources='*' --exclude-namespace-scoped-resources ${EPH.replace(',', ',,')}`,
    expect: ['CMV008'],
  },

  // ---- A5 non-canonical names
  {
    name: 'A5 short names on restore',
    line: 'velero restore create --from-backup b --exclude-resources orders,challenges,certificaterequests',
    expect: ['CMV010', 'CMV048'],
    messages: { CMV010: 'matches nothing' },
  },
  {
    name: 'A5 Kind name on backup',
    line: 'velero backup create b --include-cluster-resources=true --exclude-resources Order,Challenge,CertificateRequest',
    // issue 18: a backup resolves names on the cluster that holds the objects, so a Kind resolves
    expect: [],
  },
  { name: 'A5 cert short name', line: `${R} --include-resources cert,secrets,crd`, expect: ['CMV010'] },
  {
    name: 'A5 singular secret in allowlist',
    line: `${B} --include-resources certificates.cert-manager.io,secret,customresourcedefinitions.apiextensions.k8s.io`,
    // issue 18: built-in types resolve on every cluster, under any spelling discovery accepts
    expect: [],
  },
  // Velero's CLI rejects "Cert" (collections.validateNamespaceName: a DNS-1123 label), so CMV013, not a resource-name rule.
  {
    name: 'A5 namespaces are not resource names',
    line: `${B} --include-namespaces Cert,cert-manager`,
    expect: ['CMV013'],
  },
  // openebs/website PR 459: restic is no uploader type from Velero 1.17 (pkg/uploader/types.go, ValidateUploaderType).
  {
    name: 'install --uploader-type restic on 1.18',
    line: 'velero install --provider aws --bucket velero --secret-file ./credentials-velero --plugins velero/velero-plugin-for-aws:v1.0.0 --use-node-agent --uploader-type restic',
    version: '1.18.3',
    expect: ['CMV003', 'CMV066'],
  },
  {
    name: 'install --uploader-type restic on 1.16',
    line: 'velero install --provider aws --bucket velero --secret-file ./credentials-velero --plugins velero/velero-plugin-for-aws:v1.0.0 --use-node-agent --uploader-type restic',
    version: '1.16.2',
    expect: ['CMV066'],
  },
  {
    name: 'install --crds-only skips the uploader check',
    line: 'velero install --crds-only --uploader-type restic',
    version: '1.18.3',
    // A CRDs-only install runs no server: the server's feature flags (CMV066) do not apply.
    expect: [],
  },
  {
    // constructed to pin install.go at v1.12.4, which checked the uploader type before returning for --crds-only
    name: 'install --crds-only checked the uploader first in 1.12',
    line: 'velero install --crds-only --uploader-type resticc',
    version: '1.12.4',
    expect: ['CMV003'],
  },
  // Velero issue 2690: `--include-namespaces /` crashed the server; since Velero 1.7 (PR 4057) the CLI rejects it.
  {
    name: 'namespace name Velero rejects',
    line: 'velero backup create backup-3 --include-namespaces /',
    expect: ['CMV013', 'CMV020', 'CMV027'],
  },
  {
    name: 'A5 canonical names are clean',
    line: `${R} --include-resources certificates.cert-manager.io,secrets,customresourcedefinitions.apiextensions.k8s.io`,
    expect: [],
  },
  {
    name: 'A5 group-less certificates in restore includes',
    line: `${R} --include-resources certificates,secrets,customresourcedefinitions.apiextensions.k8s.io`,
    expect: ['CMV010'],
  },

  // ---- A6 -n is Velero's namespace flag: judged only when Velero's namespace is known (issue 18 class 4)
  {
    name: 'A6 -n cert-manager on backup, Velero known to run in velero',
    line: `${B} -n cert-manager`,
    veleroNamespace: 'velero',
    expect: ['CMV011'],
    messages: { CMV011: 'but Velero runs in "velero"' },
  },
  {
    name: 'A6 --namespace=app on restore, Velero known to run in velero',
    line: `${R} --namespace=app`,
    veleroNamespace: 'velero',
    expect: ['CMV011', 'CMV048'],
  },
  {
    name: 'A6 -n velero-system while Velero is known to run in velero',
    line: `${B} -n velero-system`,
    veleroNamespace: 'velero',
    expect: ['CMV011'],
  },
  // Distributions run Velero in kube-system (for example Rancher's and k3s guides); unknown: -n says where it runs.
  { name: 'A6 -n kube-system with Velero namespace unknown', line: `${B} -n kube-system`, expect: [] },
  // OADP's documentation writes every velero command with -n openshift-adp.
  { name: 'A6 OADP -n openshift-adp, Velero namespace unknown', line: `${B} -n openshift-adp`, expect: [] },
  {
    name: 'A6 OADP -n openshift-adp, Velero known to run there',
    line: `${B} -n openshift-adp`,
    veleroNamespace: 'openshift-adp',
    expect: [],
  },
  {
    name: 'A6 not for install',
    line: 'velero install -n backup --provider aws --bucket b --no-secret --plugins velero/velero-plugin-for-aws:v1.13.0 --features=EnableAPIGroupVersions',
    expect: [],
  },

  // ---- A7 mixed families
  { name: 'A7 old and scoped', line: `${B} --include-cluster-scoped-resources='*'`, expect: ['CMV012'] },
  {
    name: 'A7 include-resources with scoped exclude',
    line: `velero backup create b --include-resources '*' --exclude-namespace-scoped-resources ${EPH}`,
    expect: ['CMV012', 'CMV027'],
  },

  // ---- A8 conflicting filters
  { name: 'A8 selector and or-selector', line: `${B} -l a=b --or-selector 'c=d or e=f'`, expect: ['CMV013', 'CMV028'] },
  { name: 'A8 star mixed into includes', line: `${B} --include-namespaces '*,app'`, expect: ['CMV013'] },
  {
    name: 'A8 star in old excludes',
    line: `velero backup create b --include-cluster-resources=true --exclude-resources '*'`,
    expect: ['CMV013'],
  },
  {
    name: 'A8 overlap',
    line: `${B} --include-namespaces app,cert-manager --exclude-namespaces app`,
    expect: ['CMV013'],
  },
  {
    name: 'A8 restore overlap',
    line: `${R} --include-resources secrets,certificates.cert-manager.io,customresourcedefinitions.apiextensions.k8s.io --exclude-resources secrets,${EPH}`,
    expect: ['CMV006', 'CMV013', 'CMV043'],
  },
  {
    name: 'A8 scoped cluster exclude star alone is allowed',
    line: `velero backup create b --exclude-cluster-scoped-resources='*' --exclude-namespace-scoped-resources ${EPH}`,
    expect: ['CMV022'],
  },

  // ---- A9 durations
  {
    name: 'A9 ttl 30d',
    line: `${B} --ttl 30d`,
    expect: ['CMV009'],
    messages: { CMV009: 'time: invalid duration "30d"' },
  },
  { name: 'A9 ttl 720h fine', line: `${B} --ttl 720h`, expect: [] },
  { name: 'A9 item-operation-timeout 1w', line: `${R} --item-operation-timeout=1w`, expect: ['CMV009', 'CMV048'] },
  { name: 'A9 csi timeout 10x', line: `${B} --csi-snapshot-timeout 10x`, expect: ['CMV009'] },
  { name: 'A9 composite duration fine', line: `${B} --ttl 1h30m`, expect: [] },

  // ---- A10 from-schedule
  {
    name: 'A10 from-schedule with filters',
    line: 'velero backup create --from-schedule daily --include-cluster-resources=true --exclude-namespaces kube-system',
    expect: ['CMV014'],
  },
  {
    name: 'A10 from-schedule with labels and wait only',
    line: 'velero backup create --from-schedule daily --labels a=b --wait',
    expect: [],
  },
  { name: 'A10 from-schedule with name', line: 'velero backup create b1 --from-schedule daily', expect: [] },

  // ---- A11 restore source
  {
    name: 'A11 backup name as positional',
    line: 'velero restore create full-backup',
    expect: ['CMV015', 'CMV047', 'CMV048'],
    messages: { CMV015: 'is the name of the new restore' },
  },
  { name: 'A11 neither source', line: 'velero restore create', expect: ['CMV015', 'CMV047', 'CMV048'] },
  { name: 'A11 both sources', line: `${R} --from-schedule daily`, expect: ['CMV015', 'CMV048'] },
  {
    name: 'A11 from-schedule only is fine',
    line: `velero restore create --from-schedule daily --exclude-resources ${EPH}`,
    expect: ['CMV048'],
  },

  // ---- A12 schedule annotations
  { name: 'A12 schedule annotations dropped', line: `${S} --annotations team=infra`, expect: ['CMV016'] },
  { name: 'A12 backup annotations fine', line: `${B} --annotations team=infra`, expect: [] },
  {
    name: 'A12 annotations unknown before 1.16',
    line: `${B} --annotations team=infra`,
    version: '1.15.1',
    expect: ['CMV001'],
  },

  // ---- parse errors
  { name: 'unknown flag with underscore', line: `${B} --include_namespaces app`, expect: ['CMV001'] },
  {
    name: 'single dash long flag',
    line: `${B} -include-namespaces app`,
    expect: ['CMV001'],
    messages: { CMV001: "unknown shorthand flag: 'i' in -include-namespaces" },
  },
  { name: 'kubectl --context', line: `${B} --context prod`, expect: ['CMV001'], messages: { CMV001: '--kubecontext' } },
  {
    name: 'or-selector before 1.13',
    line: `${B} --or-selector 'a=b or c=d'`,
    version: '1.12.3',
    expect: ['CMV001'],
    messages: { CMV001: 'added in Velero 1.13.0' },
  },
  { name: 'scoped flags before 1.11', line: BS, version: '1.10.3', expect: ['CMV001', 'CMV001', 'CMV027'] },
  { name: 'unknown command', line: 'velero bakcup create b', expect: ['CMV001'] },
  {
    name: 'schedule without name',
    line: "velero schedule create --schedule '@daily' --include-cluster-resources=true",
    expect: ['CMV004', 'CMV027'],
  },
  { name: 'backup two names', line: B.replace('create b', 'create b c'), expect: ['CMV004'] },
  { name: 'bad bool value', line: `${R} --include-cluster-resources=yes`, expect: ['CMV003', 'CMV048'] },
  { name: 'bad int', line: `${B} --parallel-files-upload=many`, expect: ['CMV003'] },
  { name: 'bad map', line: `${B} --labels team`, expect: ['CMV003'] },
  { name: 'bad namespace mapping', line: `${R} --namespace-mappings a=b`, expect: ['CMV003', 'CMV048'] },
  {
    name: 'image-pull-policy case-sensitive',
    line: 'velero plugin add ghcr.io/velero-plugin-for-cert-manager/velero-plugin-for-cert-manager:v0.1.0 --confirm --image-pull-policy always',
    expect: ['CMV003', 'CMV065'],
  },
  { name: 'double dash then flags are args', line: `${B} -- --wait`, expect: ['CMV004'] },
  { name: 'shorthand group -wl', line: `${B} -wl app=x`, expect: ['CMV028'] },
  { name: 'unknown shorthand', line: `${B} -x`, expect: ['CMV001'] },
  { name: 'klog -v takes a value', line: `velero -v 4 ${B.slice(7)}`, expect: [] },

  // ---- B1 namespace filter without cluster resources
  {
    name: 'B1 include-namespaces',
    line: `velero backup create b --include-namespaces cert-manager,app --exclude-resources ${EPH}`,
    expect: ['CMV020'],
    messages: { CMV020: 'ClusterIssuers' },
  },
  {
    name: 'B1 exclude-namespaces',
    line: 'velero backup create b --exclude-namespaces kube-system',
    expect: ['CMV020', 'CMV027'],
  },
  {
    name: 'B1 glob namespaces',
    line: "velero backup create b --include-namespaces 'team-*,cert-manager'",
    expect: ['CMV020', 'CMV027', 'CMV031'],
  },
  {
    name: 'B1 scoped without CRD and clusterissuers',
    line: `velero backup create b --include-namespaces cert-manager --include-cluster-scoped-resources storageclasses.storage.k8s.io --exclude-namespace-scoped-resources ${EPH}`,
    expect: ['CMV020'],
  },
  {
    name: 'B1 scoped with both',
    line: `velero backup create b --include-namespaces cert-manager --include-cluster-scoped-resources customresourcedefinitions.apiextensions.k8s.io,clusterissuers.cert-manager.io --exclude-namespace-scoped-resources ${EPH}`,
    expect: [],
  },
  {
    name: 'B1 scoped star',
    line: `velero backup create b --include-namespaces cert-manager --include-cluster-scoped-resources='*' --exclude-namespace-scoped-resources ${EPH}`,
    expect: [],
  },
  {
    name: 'B1 with plugin: info',
    line: 'velero backup create b --include-namespaces cert-manager,app',
    plugin: true,
    expect: ['CMV020', 'CMV027'],
    severities: { CMV020: 'info', CMV027: 'info' },
    messages: { CMV020: 'handled by velero-plugin-for-cert-manager' },
  },
  {
    name: 'B1 include-namespaces star is all',
    line: `velero backup create b --include-namespaces '*' --include-cluster-resources=true --exclude-resources ${EPH}`,
    expect: [],
  },
  {
    name: 'B1 on schedule',
    line: `velero schedule create s --schedule @daily --include-namespaces cert-manager --exclude-resources ${EPH}`,
    expect: ['CMV020'],
  },

  // ---- B2 scoped engine, no filters
  {
    name: 'B2 only labels',
    line: `velero backup create b --labels a=b --exclude-namespace-scoped-resources ${EPH}`,
    expect: ['CMV023'],
  },
  {
    name: 'B2 plugin lowers',
    line: 'velero backup create b',
    plugin: true,
    expect: ['CMV021', 'CMV027'],
    severities: { CMV021: 'info', CMV027: 'info' },
  },

  // ---- B3 cluster resources excluded
  {
    name: 'B3 include-cluster-resources=false',
    line: `velero backup create b --include-cluster-resources=false --exclude-resources ${EPH}`,
    expect: ['CMV022'],
  },
  {
    name: 'B3 exclude CRDs',
    line: `velero backup create b --include-cluster-resources=true --exclude-resources customresourcedefinitions.apiextensions.k8s.io,${EPH}`,
    expect: ['CMV022'],
  },
  {
    name: 'B3 exclude clusterissuers scoped',
    line: `velero backup create b --include-cluster-scoped-resources='*' --exclude-cluster-scoped-resources clusterissuers.cert-manager.io --exclude-namespace-scoped-resources ${EPH}`,
    expect: ['CMV022'],
  },
  {
    name: 'B3 exclude crd short name',
    line: `velero backup create b --include-cluster-resources=true --exclude-resources crd,${EPH}`,
    // `crd` is a built-in short name: it resolves everywhere (issue 18)
    expect: ['CMV022'],
  },
  {
    name: 'B3 glob exclude of cert-manager types',
    line: "velero backup create b --include-cluster-resources=true --exclude-resources '*.cert-manager.io'",
    // every cert-manager type is excluded on purpose: the backup holds no cert-manager object to protect (issue 18)
    expect: [],
  },

  // ---- B4 scoped filter drops cluster resources
  {
    name: 'B4 cluster exclude without include',
    line: `velero backup create b --exclude-cluster-scoped-resources storageclasses.storage.k8s.io --exclude-namespace-scoped-resources ${EPH}`,
    expect: ['CMV023'],
  },
  {
    name: 'B4 namespaced include only',
    line: 'velero backup create b --include-namespace-scoped-resources secrets,certificates.cert-manager.io,issuers.cert-manager.io',
    expect: ['CMV023'],
  },

  // ---- B5 allowlist without CRDs
  {
    name: 'B5 allowlist without CRD',
    line: 'velero backup create b --include-resources certificates.cert-manager.io,issuers.cert-manager.io,secrets',
    expect: ['CMV024'],
  },
  {
    name: 'B5 allowlist with namespace filter',
    line: 'velero backup create b --include-namespaces app --include-resources certificates.cert-manager.io,secrets',
    expect: ['CMV020', 'CMV024'],
    messages: { CMV024: 'no ClusterIssuers either' },
  },
  {
    name: 'B5 fixed allowlist',
    line: 'velero backup create b --include-resources certificates.cert-manager.io,issuers.cert-manager.io,clusterissuers.cert-manager.io,secrets,customresourcedefinitions.apiextensions.k8s.io --include-cluster-resources=true',
    expect: [],
  },
  {
    name: 'B5 allowlist without cert-manager types',
    line: 'velero backup create b --include-resources deployments.apps,secrets',
    expect: [],
  },

  // ---- B6 secrets
  {
    name: 'B6 allowlist without secrets',
    line: 'velero backup create b --include-cluster-resources=true --include-resources certificates.cert-manager.io,issuers.cert-manager.io,clusterissuers.cert-manager.io,customresourcedefinitions.apiextensions.k8s.io',
    expect: ['CMV025'],
  },
  {
    name: 'B6 secrets excluded',
    line: `velero backup create b --include-cluster-resources=true --exclude-resources secrets,${EPH}`,
    expect: ['CMV025'],
  },
  {
    name: 'B6 secrets excluded scoped',
    line: `velero backup create b --include-cluster-scoped-resources='*' --exclude-namespace-scoped-resources secrets,${EPH}`,
    expect: ['CMV025'],
  },
  {
    name: 'B6 scoped namespaced allowlist without secrets',
    line: "velero backup create b --include-cluster-scoped-resources='*' --include-namespace-scoped-resources certificates.cert-manager.io,issuers.cert-manager.io",
    expect: ['CMV025'],
  },
  {
    // velero design/Implemented/cluster-scope-resource-filter.md:99 ("backup all cluster-scoped resources")
    name: 'B6 cluster-only backup that keeps ClusterIssuers: their Secrets are in no backup (said without a fix)',
    line: "velero backup create b --exclude-namespace-scoped-resources='*' --include-cluster-scoped-resources='*'",
    expect: ['CMV025'],
    messages: { CMV025: 'excludes every namespaced type' },
  },
  {
    // velero design/Implemented/cluster-scope-resource-filter.md:259 (a namespaced allowlist beside every cluster type)
    name: 'B6 namespaced allowlist without secrets while ClusterIssuers are kept',
    line: "velero backup create b --include-namespace-scoped-resources=deployments,services --include-cluster-scoped-resources='*'",
    expect: ['CMV025'],
    messages: { CMV025: 'keeps ClusterIssuers' },
  },
  {
    name: 'B6 cluster-only backup without ClusterIssuers: no cert-manager object, nothing to say',
    line: "velero backup create b --exclude-namespace-scoped-resources='*' --include-cluster-scoped-resources=storageclasses",
    expect: [],
  },
  {
    name: 'B6 namespaced allowlist with nothing of cert-manager: nothing to say',
    line: 'velero backup create b --include-namespace-scoped-resources=deployments,services',
    expect: [],
  },
  {
    // Velero issue 8214: before 1.16 a blank --from-schedule is no schedule at all (create.go tests != ""), so this
    // makes a full backup named test
    name: 'blank --from-schedule on 1.14: a full backup, judged as one',
    line: 'velero backup create --from-schedule= test',
    version: '1.14.1',
    expect: ['CMV027'],
  },
  {
    // Velero issue 8214, fixed in 1.16.0 (validateFromScheduleFlag): the blank value is refused
    name: 'blank --from-schedule on 1.18: refused by validation',
    line: 'velero backup create --from-schedule= test',
    version: '1.18.3',
    expect: ['CMV021', 'CMV027', 'CMV071'],
  },
  {
    name: 'B6 Secret kind excluded',
    line: `velero backup create b --include-cluster-resources=true --exclude-resources Secret,${EPH}`,
    // `Secret` resolves on every cluster (issue 18)
    expect: ['CMV025'],
  },

  // ---- B7 cluster resource namespace
  {
    name: 'B7 app only with cluster resources',
    line: `velero backup create b --include-namespaces app --include-cluster-resources=true --exclude-resources ${EPH}`,
    expect: ['CMV026'],
  },
  { name: 'B7 cert-manager excluded', line: `${B} --exclude-namespaces cert-manager`, expect: ['CMV026'] },
  {
    name: 'B7 custom cluster resource namespace included',
    line: `velero backup create b --include-namespaces app,cm --include-cluster-resources=true --exclude-resources ${EPH}`,
    expect: ['CMV026'],
  },

  // ---- B8 ephemeral
  {
    name: 'B8 only orders excluded',
    line: 'velero backup create b --include-cluster-resources=true --exclude-resources orders.acme.cert-manager.io',
    expect: ['CMV027'],
    messages: { CMV027: 'challenges.acme.cert-manager.io, certificaterequests.cert-manager.io are backed up' },
  },
  {
    name: 'B8 glob exclude covers all',
    line: "velero backup create b --include-cluster-resources=true --exclude-resources '*.acme.cert-manager.io,certificaterequests.cert-manager.io'",
    expect: [],
  },
  {
    name: 'B8 allowlist without ephemeral',
    line: 'velero backup create b --include-cluster-resources=true --include-resources certificates.cert-manager.io,secrets,customresourcedefinitions.apiextensions.k8s.io',
    expect: [],
  },

  // ---- B9 selector
  { name: 'B9 selector', line: `${B} -l app=shop`, expect: ['CMV028'] },
  { name: 'B9 or-selector', line: `${B} --or-selector 'app=a or app=b'`, expect: ['CMV028'] },

  // ---- B10 scope mismatch
  {
    name: 'B10 clusterissuers in namespaced include',
    line: 'velero backup create b --include-namespace-scoped-resources clusterissuers.cert-manager.io',
    expect: ['CMV023', 'CMV027', 'CMV029'],
    messages: { CMV029: 'which means "all"' },
  },
  {
    name: 'B10 secrets in cluster exclude',
    line: `velero backup create b --include-cluster-scoped-resources='*' --exclude-cluster-scoped-resources secrets --exclude-namespace-scoped-resources ${EPH}`,
    expect: ['CMV029'],
  },

  // ---- B11, B13
  { name: 'B11 resource policy', line: `${B} --resource-policies-configmap pol`, expect: ['CMV030'] },
  {
    name: 'B13 glob on a full-cluster backup',
    line: `velero backup create b --include-namespaces 'cert-*' --include-cluster-resources=true --exclude-resources ${EPH}`,
    expect: ['CMV031'],
  },

  // ---- C restore
  {
    name: 'C1 restore namespace filter',
    line: `${R} --include-namespaces app,cert-manager`,
    expect: ['CMV040', 'CMV048'],
  },
  {
    name: 'C1 restore exclude namespaces',
    line: `${R} --exclude-namespaces kube-system`,
    expect: ['CMV040', 'CMV048'],
  },
  {
    name: 'C1 fixed',
    line: `${R} --include-namespaces app,cert-manager --include-cluster-resources=true`,
    expect: ['CMV048'],
  },
  {
    name: 'C2 restore cluster resources false',
    line: `${R} --include-cluster-resources=false`,
    expect: ['CMV041', 'CMV048'],
  },
  {
    name: 'C2 with namespace filter: only C2',
    line: `${R} --include-namespaces app --include-cluster-resources=false`,
    expect: ['CMV041', 'CMV048'],
  },
  {
    name: 'C3 allowlist missing CRDs and secrets',
    line: `${R} --include-resources certificates.cert-manager.io,issuers.cert-manager.io`,
    expect: ['CMV042'],
    messages: { CMV042: 'customresourcedefinitions.apiextensions.k8s.io and secrets' },
  },
  {
    name: 'C3 allowlist missing secrets',
    line: `${R} --include-resources certificates.cert-manager.io,customresourcedefinitions.apiextensions.k8s.io`,
    expect: ['CMV042'],
  },
  {
    name: 'C4 restore excludes secrets',
    line: `velero restore create --from-backup b --exclude-resources secrets,${EPH}`,
    expect: ['CMV043', 'CMV048'],
  },
  { name: 'C5 restore selector', line: `${R} -l app=shop`, expect: ['CMV044', 'CMV048'] },
  { name: 'C6 existing policy update', line: `${R} --existing-resource-policy=update`, expect: ['CMV045', 'CMV048'] },
  { name: 'C6 existing policy none', line: `${R} --existing-resource-policy none`, expect: ['CMV048'] },
  {
    name: 'C7 remap cert-manager',
    line: `${R} --namespace-mappings cert-manager:cm2,app:app2`,
    expect: ['CMV046', 'CMV048'],
  },
  { name: 'C7 remap app only', line: `${R} --namespace-mappings app:app2`, expect: ['CMV048'] },
  { name: 'C8 restore keeps ephemeral', line: 'velero restore create --from-backup b', expect: ['CMV047', 'CMV048'] },
  {
    name: 'C8 with plugin',
    line: 'velero restore create --from-backup b',
    plugin: true,
    expect: ['CMV047', 'CMV048'],
    severities: { CMV047: 'info' },
  },
  {
    name: 'C9 certificates excluded: no shim note',
    line: `velero restore create --from-backup b --exclude-resources certificates.cert-manager.io,${EPH}`,
    expect: [],
  },
  {
    name: 'C10 status include cert-manager',
    line: `${R} --status-include-resources certificates.cert-manager.io`,
    expect: ['CMV048', 'CMV049'],
  },
  {
    name: 'C10 lone status exclude dropped',
    line: `${R} --status-exclude-resources certificates.cert-manager.io`,
    expect: ['CMV048', 'CMV049'],
    messages: { CMV049: 'dropped' },
  },
  {
    name: 'C12 from-schedule allow-partially-failed',
    line: `velero restore create --from-schedule daily --allow-partially-failed --exclude-resources ${EPH}`,
    expect: ['CMV048', 'CMV050'],
  },
  { name: 'D2 restore on 1.17', line: R, version: '1.17.1', expect: ['CMV048', 'CMV061'] },
  {
    name: 'D2 plugin',
    line: R,
    version: '1.16.0',
    plugin: true,
    expect: ['CMV048', 'CMV061'],
    severities: { CMV061: 'info', CMV048: 'info' },
  },

  // ---- D install and plugins
  {
    name: 'D3 install -o yaml without dry-run',
    line: 'velero install --provider aws --bucket b --no-secret --plugins velero/velero-plugin-for-aws:v1.13.0 --features=EnableAPIGroupVersions -o yaml',
    expect: ['CMV062'],
  },
  {
    name: 'D3 install -o yaml --dry-run',
    line: 'velero install --provider aws --bucket b --no-secret --plugins velero/velero-plugin-for-aws:v1.13.0 --features=EnableAPIGroupVersions -o yaml --dry-run',
    expect: [],
  },
  {
    name: 'D3 install -o table',
    line: 'velero install --provider aws --bucket b --no-secret --plugins velero/velero-plugin-for-aws:v1.13.0 --features=EnableAPIGroupVersions -o table --dry-run',
    expect: ['CMV062'],
  },
  {
    name: 'D4 install restore priorities',
    line: 'velero install --provider aws --bucket b --no-secret --plugins velero/velero-plugin-for-aws:v1.13.0 --features=EnableAPIGroupVersions --restore-resource-priorities=secrets,certificates.cert-manager.io',
    expect: ['CMV063'],
  },
  {
    name: 'D4 install server-args',
    line: 'velero install --provider aws --bucket b --no-secret --plugins velero/velero-plugin-for-aws:v1.13.0 --features=EnableAPIGroupVersions --server-args x',
    expect: ['CMV063'],
  },
  {
    name: 'D5 plugin add without confirm',
    line: 'velero plugin add ghcr.io/velero-plugin-for-cert-manager/velero-plugin-for-cert-manager:v0.1.0',
    expect: ['CMV064', 'CMV065'],
  },
  {
    name: 'D5 not before 1.14',
    line: 'velero plugin add ghcr.io/velero-plugin-for-cert-manager/velero-plugin-for-cert-manager:v0.1.0',
    version: '1.13.2',
    expect: ['CMV065'],
  },
  { name: 'D6 plugin remove', line: 'velero plugin remove velero/velero-plugin-for-aws:v1.13.0', expect: ['CMV065'] },
  {
    name: 'D7 install without API group versions',
    line: 'velero install --provider aws --bucket b --no-secret --plugins velero/velero-plugin-for-aws:v1.13.0',
    expect: ['CMV066'],
  },
  {
    name: 'plugin image unpinned',
    line: 'velero plugin add ghcr.io/velero-plugin-for-cert-manager/velero-plugin-for-cert-manager --confirm',
    expect: ['CMV065', 'CMV067'],
  },
  {
    name: 'plugin image latest in install',
    line: 'velero install --provider aws --bucket b --no-secret --features=EnableAPIGroupVersions --plugins velero/velero-plugin-for-aws:v1.13.0,ghcr.io/velero-plugin-for-cert-manager/velero-plugin-for-cert-manager:latest',
    expect: ['CMV067'],
  },
  {
    name: 'plugin image by digest',
    line: 'velero plugin add ghcr.io/velero-plugin-for-cert-manager/velero-plugin-for-cert-manager@sha256:abc --confirm',
    expect: ['CMV065'],
  },
  {
    name: 'other plugin image untagged is not ours',
    line: 'velero plugin add velero/velero-plugin-for-aws --confirm',
    expect: ['CMV065'],
  },

  // ---- Velero's validation, exactly (issue 18): unknown subcommands, install's Validate, the other commands' checks.
  // Each line was found in public documentation or scripts (source in the comment); verdicts from Velero's code at
  // v1.18.3 (cobra v1.10.2) and checked against the real velero v1.18.3 binary.
  {
    // guide "Validate backups" step (code index file 41325235628); also listed in public command catalogues
    name: 'velero backup list: no such subcommand, velero prints help and exits 0',
    line: 'velero backup list',
    version: '1.18.3',
    expect: ['CMV019'],
    messages: { CMV019: 'exits 0 without doing anything' },
  },
  {
    // public notes boya678/velero comandos.txt
    name: 'velero schedule update: no such subcommand, and its flags fail on the group',
    line: 'velero schedule update day --schedule "*0 0 * * *"',
    version: '1.18.3',
    expect: ['CMV001', 'CMV019'],
    messages: { CMV001: 'unknown flag: --schedule', CMV019: 'fails on the first one' },
  },
  {
    // public French MicroK8s course, chapter 12.2 (code index file 38957816213)
    name: 'velero backup-location update: no such subcommand (set is)',
    line: 'velero backup-location update default --credential=cloud-credentials=./credentials-velero',
    version: '1.18.3',
    expect: ['CMV001', 'CMV019'],
  },
  {
    // velero docs site/content/docs/v1.18/file-system-backup.md:58 (a flag shown alone)
    name: 'install with only --use-node-agent fails validation',
    line: 'velero install --use-node-agent',
    version: '1.18.3',
    expect: ['CMV066', 'CMV071', 'CMV071', 'CMV071', 'CMV071'],
    messages: { CMV071: 'required' },
  },
  {
    // velero docs site/content/docs/v1.18/contributions/oracle-config.md:98
    name: 'install with a location but no --plugins fails validation',
    line: 'velero install --provider aws --bucket velero --prefix oracle-cloudnative --use-volume-snapshots=false --secret-file /Users/mboxell/bin/velero/credentials-velero --backup-location-config region=us-phoenix-1,s3ForcePathStyle="true",s3Url=https://oracle-cloudnative.compat.objectstorage.us-phoenix-1.oraclecloud.com',
    version: '1.18.3',
    expect: ['CMV066', 'CMV071'],
    messages: { CMV071: 'velero fails: --plugins flag is required' },
  },
  {
    // public disaster-recovery guide (code index file 26631900881)
    name: 'install --no-default-backup-location with --bucket fails validation',
    line: 'velero install --provider aws --plugins velero/velero-plugin-for-aws:v1.9.0 --bucket disaster-recovery-backups --backup-location-config region=us-east-1 --no-default-backup-location --secret-file ./credentials-velero --use-node-agent',
    version: '1.18.3',
    expect: ['CMV066', 'CMV071', 'CMV071'],
  },
  {
    // public plugin Makefile, target velero-install (code index file 1527853519)
    name: 'install without any location needs no provider and no plugin',
    line: 'velero install --no-secret --no-default-backup-location --use-volume-snapshots=false --wait',
    version: '1.18.3',
    expect: ['CMV066'],
  },
  {
    // velero docs site/content/docs/v1.18/development.md:45
    name: 'install --crds-only skips validation and runs no server',
    line: 'velero install --crds-only --dry-run -o yaml | kubectl apply -f -',
    version: '1.18.3',
    expect: [],
  },
  {
    // public vendor docs for "Velero v1.10 and later" (code index file 36352085154): restic is gone in 1.17
    name: 'install --uploader-type=restic without a location is valid on 1.16',
    line: 'velero install --no-default-backup-location --no-secret --use-node-agent --uploader-type=restic --use-volume-snapshots=false --plugins velero/velero-plugin-for-aws:v1.5.3',
    version: '1.16.2',
    expect: ['CMV066'],
  },
  {
    // public French MicroK8s course, chapter 12.2 (code index file 38957816213)
    name: 'delete with --all and --selector fails validation',
    line: "velero backup delete --all --confirm --selector 'velero.io/backup-ttl-expired=true'",
    version: '1.18.3',
    expect: ['CMV071'],
    messages: { CMV071: 'exactly one of' },
  },
  {
    // velero docs site/content/docs/v1.18/contributions/oracle-config.md:223
    name: 'delete with a name is valid',
    line: 'velero backup delete nginx-backup',
    version: '1.18.3',
    expect: [],
  },
  {
    // public runbooks (code index files 719229725, 2652141263, 60929343399)
    name: 'get -o wide is no velero output format',
    line: 'velero backup get -o wide',
    version: '1.18.3',
    expect: ['CMV071'],
    messages: { CMV071: 'invalid output format "wide"' },
  },
  {
    // velero docs site/content/docs/v1.18/locations.md:88
    name: 'backup-location create with provider and bucket is valid',
    line: 'velero backup-location create backups-primary --provider aws --bucket velero-backups --config region=us-east-1 --default',
    version: '1.18.3',
    expect: [],
  },
  {
    // velero docs site/content/docs/v1.18/migration-case.md:58
    name: 'backup-location create --access-mode is an enum',
    line: 'velero backup-location create bsl --provider aws --bucket velero-migration-demo --config region=us-east-2 --access-mode=ReadOnly',
    version: '1.18.3',
    expect: [],
  },
  {
    // velero docs site/content/docs/v1.18/customize-installation.md:93 and :390, namespace.md:17
    name: 'client config set and completion from the docs are valid',
    file: {
      kind: 'shell',
      text: 'velero client config set features=\nvelero completion bash >/etc/bash_completion.d/velero\nvelero client config set namespace=NAMESPACE_VALUE\n',
    },
    version: '1.18.3',
    expect: [],
  },
  {
    // public notes ShubhamTatvamasi/velero README.md: the verb-first spellings and their aliases
    name: 'get and describe with the resource second are valid',
    file: {
      kind: 'shell',
      text: 'velero get backups\nvelero describe backups daily-backup-20231207000045\nvelero get backup-location\n',
    },
    version: '1.18.3',
    expect: [],
  },
  {
    // velero docs site/content/docs/v1.18/how-velero-works.md:44 and velero-install.md:12
    name: '--help runs nothing: no name needed, no validation',
    file: { kind: 'shell', text: 'velero backup create --help\nvelero install --help\nvelero restore create -h\n' },
    version: '1.18.3',
    expect: [],
  },
  // ---- shell quirks (text given to the shell reader)
  {
    name: 'line continuation',
    line: `velero backup create b \\\n  --include-cluster-resources=true \\\n  --exclude-resources ${EPH}`,
    expect: [],
  },
  {
    name: 'unset variable is unknown',
    line: `velero backup create b --include-namespaces "$NAMESPACES" --include-cluster-resources=true --exclude-resources ${EPH}`,
    expect: ['CMV017'],
  },
  {
    name: 'command substitution is unknown',
    line: 'velero backup create b-$(date +%s) --include-cluster-resources=true --exclude-resources $EPHEMERAL',
    expect: ['CMV017'],
  },
  {
    name: 'double-quoted list with spaces',
    line: `velero backup create b --include-cluster-resources=true --exclude-resources "${EPH.replace(/,/g, ', ')}"`,
    expect: ['CMV008', 'CMV027'],
  },
  {
    name: 'single-quoted star',
    line: `velero backup create b --include-cluster-scoped-resources '*' --exclude-namespace-scoped-resources ${EPH}`,
    expect: [],
  },
  {
    name: 'env prefix and sudo',
    line: `KUBECONFIG=/k sudo velero backup create b --include-cluster-resources=true --exclude-resources ${EPH}`,
    expect: [],
  },
  { name: 'path to velero', line: `/usr/local/bin/velero ${B.slice(7)} --ttl 7d`, expect: ['CMV009'] },
  {
    name: 'two commands on one line',
    line: `${B} && velero restore create --from-backup b`,
    expect: ['CMV047', 'CMV048'],
  },
  { name: 'redirect is not an argument', line: `${B} > /tmp/out 2>&1`, expect: [] },
  { name: 'comment after command', line: `${B} # nightly`, expect: [] },
  {
    name: 'pipe into velero is still parsed',
    line: `echo y | velero plugin add velero/velero-plugin-for-aws:v1.13.0`,
    expect: ['CMV064', 'CMV065'],
  },
  { name: 'escaped space', line: `${B} --include-namespaces a\\ b`, expect: ['CMV013', 'CMV026'] },
  {
    name: 'suppression with reason',
    line: `# velero-cm-preflight disable=CMV021,ephemeral-kinds-backed-up plugin handles it\nvelero backup create b`,
    expect: [],
  },
  {
    name: 'suppression without reason',
    line: `# velero-cm-preflight disable=CMV021\nvelero backup create b`,
    expect: ['CMV027', 'CMV070'],
  },
  {
    name: 'suppression applies to next command only',
    line: `# velero-cm-preflight disable=CMV047 done\nvelero restore create --from-backup a\nvelero restore create --from-backup b`,
    expect: ['CMV047', 'CMV048', 'CMV048'],
  },

  // ---- manifests
  {
    name: 'Backup manifest namespace-filtered',
    yaml: `apiVersion: velero.io/v1
kind: Backup
metadata:
  name: b
  namespace: velero
spec:
  includedNamespaces:
  - app
  excludedResources: [${EPH}]
`,
    expect: ['CMV020@7'],
  },
  {
    name: 'Backup manifest clean',
    yaml: `apiVersion: velero.io/v1
kind: Backup
metadata: {name: b, namespace: velero}
spec:
  includeClusterResources: true
  excludedResources: [${EPH}]
`,
    expect: [],
  },
  {
    name: 'Backup manifest in the wrong namespace',
    yaml: `apiVersion: velero.io/v1
kind: Backup
metadata:
  name: b
  namespace: cert-manager
spec:
  includeClusterResources: true
  excludedResources: [${EPH}]
`,
    veleroNamespace: 'velero',
    expect: ['CMV011@5'],
  },
  {
    name: 'Schedule manifest template checks',
    yaml: `apiVersion: velero.io/v1
kind: Schedule
metadata:
  name: daily
  namespace: velero
spec:
  schedule: "0 1 * * *"
  template:
    ttl: 30d
    includeClusterResources: false
    excludedResources:
    - secrets
`,
    expect: ['CMV009@9', 'CMV022@10', 'CMV025@11', 'CMV027@11'],
  },
  {
    name: 'Schedule manifest bad cron',
    yaml: `apiVersion: velero.io/v1
kind: Schedule
metadata: {name: daily, namespace: velero}
spec:
  schedule: "every day"
  template:
    includeClusterResources: true
    excludedResources: [${EPH}]
`,
    expect: ['CMV018@5'],
  },
  {
    name: 'Restore manifest namespace filter, no source',
    yaml: `apiVersion: velero.io/v1
kind: Restore
metadata: {name: r, namespace: velero}
spec:
  includedNamespaces: [app]
  excludedResources: [${EPH}]
`,
    expect: ['CMV015', 'CMV040@5', 'CMV048'],
  },
  {
    name: 'Restore manifest with update policy and mapping',
    yaml: `apiVersion: velero.io/v1
kind: Restore
metadata: {name: r, namespace: velero}
spec:
  backupName: b
  existingResourcePolicy: update
  namespaceMapping:
    cert-manager: cm
  excludedResources: [${EPH}]
`,
    expect: ['CMV045@6', 'CMV046@7', 'CMV048'],
  },
  {
    name: 'Manifest suppression annotation with reason',
    yaml: `apiVersion: velero.io/v1
kind: Backup
metadata:
  name: b
  namespace: velero
  annotations:
    ignore-check.velero-cm-preflight.dev/namespace-filter-drops-cluster-resources: "cluster resources are in the platform backup"
spec:
  includedNamespaces: [app]
  excludedResources: [${EPH}]
`,
    expect: [],
  },
  {
    name: 'Manifest suppression annotation without reason',
    yaml: `apiVersion: velero.io/v1
kind: Backup
metadata:
  name: b
  namespace: velero
  annotations:
    ignore-check.velero-cm-preflight.dev/CMV020: ""
spec:
  includedNamespaces: [app]
  excludedResources: [${EPH}]
`,
    expect: ['CMV070@6'],
  },
  {
    name: 'multi-document: backup and restore',
    yaml: `apiVersion: velero.io/v1
kind: Backup
metadata: {name: b, namespace: velero}
spec: {}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: unrelated}
---
apiVersion: velero.io/v1
kind: Restore
metadata: {name: r, namespace: velero}
spec:
  backupName: b
  includeClusterResources: false
`,
    expect: ['CMV021', 'CMV027', 'CMV041@15', 'CMV047', 'CMV048'],
  },
  {
    name: 'Velero Deployment with bad restore priorities',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: velero, namespace: velero}
spec:
  template:
    spec:
      initContainers:
      - name: cm
        image: ghcr.io/velero-plugin-for-cert-manager/velero-plugin-for-cert-manager:v0.1.0
      containers:
      - name: velero
        image: velero/velero:v1.18.1
        args:
        - server
        - --features=EnableAPIGroupVersions
        - --restore-resource-priorities=customresourcedefinitions,namespaces,certificates.cert-manager.io,secrets
`,
    expect: ['CMV060@16'],
  },
  {
    name: 'Velero Deployment with two dashes in priorities',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: velero, namespace: velero}
spec:
  template:
    spec:
      containers:
      - name: velero
        image: velero/velero:v1.18.1
        args: ["server", "--features=EnableAPIGroupVersions", "--restore-resource-priorities", "secrets,-,a,-,b"]
`,
    expect: ['CMV060'],
    severities: { CMV060: 'error' },
  },
  {
    name: 'Velero Deployment priorities without secrets',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: velero, namespace: velero}
spec:
  template:
    spec:
      containers:
      - name: velero
        image: velero/velero:v1.18.1
        args: [server, --features=EnableAPIGroupVersions, "--restore-resource-priorities=customresourcedefinitions,namespaces,-,clusters.cluster.x-k8s.io"]
`,
    expect: ['CMV060'],
    messages: { CMV060: 'does not list secrets' },
  },
  {
    name: 'Deployment that is not Velero',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx
`,
    expect: [],
  },
  {
    name: 'Helm values: schedules and configuration',
    yaml: `configuration:
  features: EnableAPIGroupVersions
  restoreResourcePriorities: secrets,certificates.cert-manager.io
initContainers:
- name: cm
  image: ghcr.io/velero-plugin-for-cert-manager/velero-plugin-for-cert-manager
schedules:
  nightly:
    schedule: "0 2 * * *"
    template:
      includedNamespaces: [app]
      excludedResources: [${EPH}]
  off:
    disabled: true
    schedule: "bad"
`,
    expect: ['CMV020@11', 'CMV067@4'],
  },
  {
    name: 'plugin config ConfigMap in the wrong namespace, no plugin-config label',
    yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: cm-plugin
  namespace: cert-manager
  labels:
    velero-plugin-for-cert-manager.dev/backup-certificate-dependencies: BackupItemAction
data:
  forceSecrets: "true"
`,
    expect: ['CMV068', 'CMV068@5'],
  },
  {
    name: 'plugin config ConfigMap correct',
    yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: cm-plugin
  namespace: velero
  labels:
    velero.io/plugin-config: ""
    velero-plugin-for-cert-manager.dev/backup-certificate-dependencies: BackupItemAction
`,
    expect: [],
  },
  {
    name: 'non-velero YAML',
    yaml: `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: c}
spec: {secretName: c}
`,
    expect: [],
  },
  {
    name: 'scoped Backup manifest with wrong-scope entries',
    yaml: `apiVersion: velero.io/v1
kind: Backup
metadata: {name: b, namespace: velero}
spec:
  includedClusterScopedResources: ["*"]
  includedNamespaceScopedResources: [clusterissuers.cert-manager.io, secrets, certificates.cert-manager.io]
  excludedNamespaceScopedResources: [${EPH}]
`,
    expect: ['CMV029@6'],
  },
  {
    name: 'Backup manifest with label selector and resource policy',
    yaml: `apiVersion: velero.io/v1
kind: Backup
metadata: {name: b, namespace: velero}
spec:
  includeClusterResources: true
  excludedResources: [${EPH}]
  labelSelector:
    matchLabels: {app: shop}
  resourcePolicy: {kind: configmap, name: pol}
`,
    expect: ['CMV028@7', 'CMV030@9'],
  },

  // ---- resource policies read from a ConfigMap among the inputs (Velero v1.18.1 internal/resourcepolicies)
  {
    name: 'policy ConfigMap read: excludes Secrets and CRDs (scoped backup)',
    yaml: `${policyBackup(`includedClusterScopedResources: [clusterissuers.cert-manager.io]`)}
${policyConfigMap(`version: v1
    includeExcludePolicy:
      excludedNamespaceScopedResources:
        - secret
        - ${EPH.split(',').join('\n        - ')}
      excludedClusterScopedResources: [crd]`)}`,
    // The cluster allowlist [clusterissuers] also leaves the webhook configurations out (issue 18 class 5).
    expect: ['CMV023@6', 'CMV033@16', 'CMV034@20'],
    messages: { CMV033: 'leaves secrets out of the backup b', CMV034: 'cert-manager CRDs' },
  },
  {
    name: 'policy ConfigMap read: an entry of the wrong scope is dropped (B10 in the policy)',
    yaml: `${policyBackup(`includedClusterScopedResources: ['*']
  excludedNamespaceScopedResources: [${EPH}]`)}
${policyConfigMap(`version: v1
    includeExcludePolicy:
      excludedNamespaceScopedResources:
        - events
        - clusterissuers.cert-manager.io`)}`,
    expect: ['CMV029@18'],
    messages: {
      CMV029: 'resource policy velero/pol, excludedNamespaceScopedResources: clusterissuers.cert-manager.io',
    },
  },
  {
    name: 'policy ConfigMap read: its excludes of the ephemeral kinds count (no CMV027)',
    yaml: `${policyBackup(`includedClusterScopedResources: ['*']`)}
${policyConfigMap(`version: v1
    includeExcludePolicy:
      excludedNamespaceScopedResources: [${EPH}]`)}`,
    expect: [],
  },
  {
    name: 'policy ConfigMap read: the backup include list wins over a policy exclude',
    yaml: `${policyBackup(`includedClusterScopedResources: ['*']
  includedNamespaceScopedResources: ['*']
  excludedNamespaceScopedResources: [${EPH}]`)}
${policyConfigMap(`version: v1
    includeExcludePolicy:
      excludedNamespaceScopedResources: [secrets]
      excludedClusterScopedResources: [customresourcedefinitions]`)}`,
    expect: [],
  },
  {
    name: 'policy ConfigMap read: a policy include list narrows "everything"',
    yaml: `${policyBackup(`includedClusterScopedResources: ['*']
  excludedNamespaceScopedResources: [${EPH}]`)}
${policyConfigMap(`version: v1
    includeExcludePolicy:
      includedNamespaceScopedResources: [certificates.cert-manager.io, issuers.cert-manager.io]`)}`,
    expect: ['CMV033', 'CMV034'],
    messages: {
      CMV033: 'leaves secrets out of the backup b: its includedNamespaceScopedResources narrows',
      CMV034: 'leaves serviceaccounts, roles.rbac.authorization.k8s.io, rolebindings.rbac.authorization.k8s.io out',
    },
  },
  {
    name: 'policy ConfigMap read: includeExcludePolicy with old-style filters is FailedValidation',
    yaml: `${policyBackup(`includeClusterResources: true
  excludedResources: [${EPH}]`)}
${policyConfigMap(`version: v1
    includeExcludePolicy:
      excludedClusterScopedResources: [storageclasses]`)}`,
    expect: ['CMV032@6'],
    messages: { CMV032: 'old filter parameters' },
  },
  {
    name: 'policy ConfigMap read: volume policies only, with old-style filters, is fine',
    yaml: `${policyBackup(`includeClusterResources: true
  excludedResources: [${EPH}]`)}
${policyConfigMap(`version: v1
    volumePolicies:
      - conditions: {capacity: '0,100Gi', storageClass: [gp2]}
        action: {type: skip}`)}`,
    expect: [],
  },
  {
    name: 'policy ConfigMap read: wrong version',
    yaml: `${policyBackup(`includeClusterResources: true
  excludedResources: [${EPH}]`)}
${policyConfigMap(`version: v2
    volumePolicies: []`)}`,
    expect: ['CMV032@14'],
    messages: { CMV032: 'incompatible version number v2 with supported version v1' },
  },
  {
    name: 'policy ConfigMap read: unknown key (strict decoding)',
    yaml: `${policyBackup(`includedClusterScopedResources: ['*']`)}
${policyConfigMap(`version: v1
    includeExcludePolicy:
      excludeNamespaceScopedResources: [secrets]`)}`,
    expect: ['CMV027', 'CMV032@15'],
    messages: { CMV032: 'field excludeNamespaceScopedResources not found' },
  },
  {
    name: "policy ConfigMap read: '*' and overlapping lists are refused",
    yaml: `${policyBackup(`includedClusterScopedResources: ['*']`)}
${policyConfigMap(`version: v1
    includeExcludePolicy:
      includedClusterScopedResources: [storageclasses, crd]
      excludedClusterScopedResources: [crd]`)}`,
    expect: ['CMV027', 'CMV032@16'],
    messages: { CMV032: 'excludes list cannot contain an item in the includes list: crd' },
  },
  {
    name: 'policy ConfigMap read: includeExcludePolicy is unknown before 1.17',
    version: '1.16.2',
    yaml: `${policyBackup(`includedClusterScopedResources: ['*']
  excludedNamespaceScopedResources: [${EPH}]`)}
${policyConfigMap(`version: v1
    includeExcludePolicy: {}`)}`,
    expect: ['CMV032@15'],
    messages: { CMV032: 'field includeExcludePolicy not found' },
  },

  // ---- fine-grained filter policies (Velero v1.18.3 internal/resourcepolicies/resource_policies.go, the
  // validation in validateClusterScopedFilterPolicy / validateNamespacedFilterPolicies; applied by pkg/backup
  // item_collector.go and item_backupper.go; the old-filter conflict in pkg/controller/backup_controller.go;
  // schema from design/backup-filter-enhancement in the v1.18.3 module)
  {
    name: 'filter policies: a valid 1.18.3 namespacedFilterPolicies with a catch-all keeps everything (no CMV032)',
    version: '1.18.3',
    yaml: `${policyBackup(`includedClusterScopedResources: ['*']
  excludedNamespaceScopedResources: [${EPH}]`)}
${policyConfigMap(`version: v1
    namespacedFilterPolicies:
      - namespaces: [shop, "team-*"]
        resourceFilters:
          - kinds: [deployments]
            labelSelector: {matchLabels: {app: shop}}
          - kinds: ['*']
    clusterScopedFilterPolicy:
      resourceFilters:
        - kinds: [storageclasses]
          names: ['fast-*']`)}`,
    expect: [],
  },
  {
    name: 'filter policies: unknown keys before Velero 1.18.3 (strict decoding), said with the version',
    version: '1.18.2',
    yaml: `${policyBackup(`includedClusterScopedResources: ['*']
  excludedNamespaceScopedResources: [${EPH}]`)}
${policyConfigMap(`version: v1
    namespacedFilterPolicies:
      - namespaces: [shop]
        resourceFilters: [{kinds: ['*']}]`)}`,
    expect: ['CMV032@15'],
    messages: {
      CMV032:
        'field namespacedFilterPolicies not found in type ResourcePolicies (namespacedFilterPolicies is new in Velero 1.18.3)',
    },
  },
  {
    name: 'filter policies: a namespaced allowlist without Secrets, Certificates, Issuers or RBAC drops them there',
    version: '1.18.3',
    yaml: `${policyBackup(`includedClusterScopedResources: ['*']
  excludedNamespaceScopedResources: [${EPH}]`)}
${policyConfigMap(`version: v1
    namespacedFilterPolicies:
      - namespaces: [cert-manager, shop]
        resourceFilters:
          - kinds: [deployments, Secret]`)}`,
    expect: ['CMV033@15', 'CMV034@15'],
    messages: {
      CMV033:
        'leaves certificates.cert-manager.io, issuers.cert-manager.io out of the backup b: its namespacedFilterPolicies entry for namespaces cert-manager, shop lists neither',
      CMV034: 'leaves serviceaccounts, roles.rbac.authorization.k8s.io, rolebindings.rbac.authorization.k8s.io out',
    },
  },
  {
    name: 'filter policies: a namespaced policy for namespaces the backup does not include changes nothing',
    version: '1.18.3',
    yaml: `${policyBackup(`includedNamespaces: [shop, cert-manager]
  includedClusterScopedResources: ['*']
  excludedNamespaceScopedResources: [${EPH}]`)}
${policyConfigMap(`version: v1
    namespacedFilterPolicies:
      - namespaces: ["legacy-*"]
        resourceFilters: [{kinds: [deployments]}]`)}`,
    expect: [],
  },
  {
    name: 'filter policies: a Secret name filter in a namespaced policy is a warning (they may match)',
    version: '1.18.3',
    yaml: `${policyBackup(`includedClusterScopedResources: ['*']
  excludedNamespaceScopedResources: [${EPH}]`)}
${policyConfigMap(`version: v1
    namespacedFilterPolicies:
      - namespaces: [shop]
        resourceFilters:
          - kinds: [secrets]
            excludedNames: ["*-tls"]
          - kinds: ['*']`)}`,
    expect: ['CMV033@15'],
    messages: { CMV033: 'keeps only the objects matching excludedNames [*-tls]' },
    severities: { CMV033: 'warning' },
  },
  {
    name: "filter policies: a cluster-scoped CRD name filter that leaves out cert-manager's CRDs is an error",
    version: '1.18.3',
    yaml: `${policyBackup(`includedClusterScopedResources: ['*']
  excludedNamespaceScopedResources: [${EPH}]`)}
${policyConfigMap(`version: v1
    clusterScopedFilterPolicy:
      resourceFilters:
        - kinds: [customresourcedefinitions]
          names: ['*.example.com']`)}`,
    expect: ['CMV034@15'],
    messages: {
      CMV034:
        'cert-manager CRDs out of the backup b: its clusterScopedFilterPolicy keeps only the objects matching names [*.example.com]',
    },
  },
  {
    name: "filter policies: a CRD name filter that keeps cert-manager's CRDs is fine",
    version: '1.18.3',
    yaml: `${policyBackup(`includedClusterScopedResources: ['*']
  excludedNamespaceScopedResources: [${EPH}]`)}
${policyConfigMap(`version: v1
    clusterScopedFilterPolicy:
      resourceFilters:
        - kinds: [crd]
          names: ['*.example.com', '*.cert-manager.io']`)}`,
    expect: [],
  },
  {
    name: 'filter policies: a label selector on ClusterIssuers is a warning',
    version: '1.18.3',
    yaml: `${policyBackup(`includedClusterScopedResources: ['*']
  excludedNamespaceScopedResources: [${EPH}]`)}
${policyConfigMap(`version: v1
    clusterScopedFilterPolicy:
      resourceFilters:
        - kinds: [ClusterIssuer]
          labelSelector: {matchLabels: {backup: "yes"}}`)}`,
    expect: ['CMV034@15'],
    messages: { CMV034: 'clusterissuers.cert-manager.io out of the backup b' },
    severities: { CMV034: 'warning' },
  },
  {
    name: 'filter policies: with old-style filters the backup is FailedValidation',
    version: '1.18.3',
    yaml: `${policyBackup(`includeClusterResources: true
  excludedResources: [${EPH}]`)}
${policyConfigMap(`version: v1
    clusterScopedFilterPolicy:
      resourceFilters: [{kinds: [storageclasses], names: [fast]}]`)}`,
    expect: ['CMV032@6'],
    messages: {
      CMV032: 'has a clusterScopedFilterPolicy, which Velero refuses together with the old filter parameters',
    },
  },
  {
    name: 'filter policies: a cluster-scoped catch-all is refused',
    version: '1.18.3',
    yaml: `${policyBackup(`includedClusterScopedResources: ['*']
  excludedNamespaceScopedResources: [${EPH}]`)}
${policyConfigMap(`version: v1
    clusterScopedFilterPolicy:
      resourceFilters: [{kinds: ['*']}]`)}`,
    expect: ['CMV032@15'],
    messages: {
      CMV032: 'clusterScopedFilterPolicy.resourceFilters[0]: kinds must be specified (catch-all is not supported)',
    },
  },
  {
    name: 'filter policies: labelSelector with orLabelSelectors is refused',
    version: '1.18.3',
    yaml: `${policyBackup(`includedClusterScopedResources: ['*']
  excludedNamespaceScopedResources: [${EPH}]`)}
${policyConfigMap(`version: v1
    namespacedFilterPolicies:
      - namespaces: [shop]
        resourceFilters:
          - kinds: [deployments]
            labelSelector: {matchLabels: {a: b}}
            orLabelSelectors: [{matchLabels: {c: d}}]`)}`,
    expect: ['CMV032@20'],
    messages: {
      CMV032: 'namespacedFilterPolicies[0].resourceFilters[0]: labelSelector and orLabelSelectors cannot co-exist',
    },
  },
  {
    name: 'filter policies: a namespace pattern in two policies is refused',
    version: '1.18.3',
    yaml: `${policyBackup(`includedClusterScopedResources: ['*']
  excludedNamespaceScopedResources: [${EPH}]`)}
${policyConfigMap(`version: v1
    namespacedFilterPolicies:
      - namespaces: [shop]
        resourceFilters: [{kinds: ['*']}]
      - namespaces: [shop]
        resourceFilters: [{kinds: ['*']}]`)}`,
    expect: ['CMV032@15'],
    messages: { CMV032: "duplicate namespace pattern 'shop' found in policies [0 1]" },
  },
  {
    name: 'policy ConfigMap read: two data keys',
    yaml: `${policyBackup(`includedClusterScopedResources: ['*']
  excludedNamespaceScopedResources: [${EPH}]`)}
${policyConfigMap(`version: v1`)}
  other: x`,
    expect: ['CMV032'],
    messages: { CMV032: 'illegal resource policies velero/pol configmap' },
  },
  {
    name: 'policy ConfigMap in another namespace is not the one Velero reads',
    yaml: `${policyBackup(`includedClusterScopedResources: ['*']
  excludedNamespaceScopedResources: [${EPH}]`)}
${policyConfigMap(`version: v1
    includeExcludePolicy:
      excludedNamespaceScopedResources: [secrets]`).replace('namespace: velero', 'namespace: other')}`,
    expect: ['CMV030@5'],
    messages: { CMV030: 'not among the inputs' },
  },
  {
    name: 'resourcePolicy of another kind is ignored by Velero',
    yaml: policyBackup(`includedClusterScopedResources: ['*']
  excludedNamespaceScopedResources: [${EPH}]`).replace('kind: configmap', 'kind: Secret'),
    expect: ['CMV030@5'],
    messages: { CMV030: 'only reads kind configmap' },
  },

  // ---- files
  {
    name: 'shell script with two commands and a directive',
    file: {
      kind: 'shell',
      text: `#!/bin/sh
set -eu
# nightly backup
velero backup create nightly-$(date +%F) \\
  --include-namespaces cert-manager,app \\
  --exclude-resources ${EPH}
# velero-cm-preflight disable=CMV047 the plugin skips them
velero restore create --from-backup last --include-cluster-resources false
`,
    },
    expect: ['CMV005@8', 'CMV020@5', 'CMV048@8'],
  },
  {
    name: 'Makefile recipe',
    file: {
      kind: 'makefile',
      text: `backup:\n\t@velero backup create $(NAME) --ttl 30d --include-cluster-resources=true --exclude-resources ${EPH}\n`,
    },
    expect: ['CMV009@2'],
  },
  {
    name: 'Makefile $$ variable',
    file: {
      kind: 'makefile',
      text: `restore:\n\tvelero restore create --from-backup $$BACKUP --exclude-resources ${EPH}\n`,
    },
    expect: ['CMV017@2', 'CMV048@2'],
  },
  {
    name: 'Markdown code blocks',
    file: {
      kind: 'markdown',
      text: `# Backup

\`\`\`sh
velero backup create b --include-namespaces app
\`\`\`

\`\`\`console
$ velero restore create my-backup
Restore request "my-backup" submitted successfully.
\`\`\`

\`\`\`python
velero = "not a command"
\`\`\`
`,
    },
    expect: ['CMV015@8', 'CMV020@4', 'CMV027@4', 'CMV047@8', 'CMV048@8'],
  },
  {
    name: 'Markdown yaml block',
    file: {
      kind: 'markdown',
      text: `Example:

\`\`\`yaml
apiVersion: velero.io/v1
kind: Restore
metadata: {name: r, namespace: velero}
spec:
  backupName: b
  includeClusterResources: false
  excludedResources: [${EPH}]
\`\`\`
`,
    },
    expect: ['CMV041@9', 'CMV048'],
  },
  {
    name: 'GitHub workflow run block',
    file: {
      kind: 'yaml',
      text: `name: backup
on: workflow_dispatch
jobs:
  backup:
    runs-on: ubuntu-latest
    steps:
      - name: backup
        run: |
          velero backup create b \\
            --include-namespaces app \\
            --exclude-resources ${EPH}
      - run: velero plugin add ghcr.io/velero-plugin-for-cert-manager/velero-plugin-for-cert-manager:v0.1.0
`,
    },
    expect: ['CMV020@10', 'CMV064@12', 'CMV065@12'],
  },
  {
    name: 'GitLab script list',
    file: {
      kind: 'yaml',
      text: `backup:
  script:
    - velero backup create b --include-cluster-resources=true --exclude-resources ${EPH} --ttl 2w
    - "velero restore create --from-backup b --exclude-resources ${EPH} --include-namespaces app"
`,
    },
    expect: ['CMV009@3', 'CMV040@4', 'CMV048@4'],
  },

  // ---- issue 18: model-error classes, each case from public documentation (source on the line above it)
  // Class 1. Velero docs, resource-filtering.md (v1.12-main): built-in names resolve through discovery everywhere.
  {
    name: 'i18 c1 docs --include-resources deployments',
    line: 'velero backup create b --include-resources deployments',
    expect: [],
  },
  // Velero docs, restore-reference / resource-filtering: a restore of built-in types only.
  {
    name: 'i18 c1 restore deployments,configmaps',
    line: 'velero restore create --from-backup b --include-resources deployments,configmaps',
    expect: [],
  },
  // Velero issue 2169 (backing up only PVs and PVCs): short names of built-in types.
  { name: 'i18 c1 pvc,pv short names', line: 'velero backup create b --include-resources pvc,pv', expect: [] },
  // A misspelt type matches nothing anywhere (Velero docs: an unresolvable name is used verbatim as a glob).
  {
    name: 'i18 c1 misspelt deploymnets',
    line: 'velero backup create b --include-resources deploymnets',
    expect: ['CMV010'],
    messages: { CMV010: 'did you mean deployments.apps' },
  },
  // Short names are case-sensitive in discovery's shortcut expander (pkg/discovery/helper.go).
  { name: 'i18 c1 PVC upper case', line: 'velero backup create b --include-resources PVC', expect: ['CMV010'] },
  // cert-manager docs (devops-tips/backup): short names of cert-manager types on a restore into a fresh cluster.
  {
    name: 'i18 c1 restore with cert short name',
    line: `velero restore create --from-backup b --exclude-resources ${EPH} --include-resources cert,secrets`,
    expect: ['CMV010', 'CMV042'],
  },
  // Class 2. Velero docs resource-filtering.md: allowlists that hold no cert-manager object.
  {
    name: 'i18 c2 pods,deployments,pvc,service allowlist',
    line: 'velero backup create b --include-resources pods,deployments,pvc,service --include-namespaces app',
    expect: [],
  },
  {
    name: 'i18 c2 docs scoped namespaced allowlist',
    line: 'velero backup create b --include-namespace-scoped-resources=deployments.apps,configmaps',
    expect: [],
  },
  {
    name: 'i18 c2 allowlist with include-cluster-resources=false',
    line: 'velero backup create b --include-resources deployments,services --include-cluster-resources=false',
    expect: [],
  },
  // Velero docs: restore only some namespaces' built-in objects.
  {
    name: 'i18 c2 restore built-in allowlist of a namespace',
    line: 'velero restore create --from-backup b --include-namespaces app --include-resources deployments,services',
    expect: [],
  },
  // Class 3. Velero docs resource-filtering.md: a lone '*' scoped exclude is valid.
  {
    name: 'i18 c3 exclude-namespace-scoped *',
    line: "velero backup create b --exclude-namespace-scoped-resources='*'",
    expect: [],
  },
  {
    name: 'i18 c3 scoped * exclude with includes',
    line: "velero backup create b --include-namespace-scoped-resources=configmaps --exclude-namespace-scoped-resources='*'",
    expect: ['CMV013'],
    messages: { CMV013: "when exclude is '*', include cannot have value" },
  },
  // Velero docs backup-reference.md (v1.15+): CRON_TZ prefixes.
  {
    name: 'i18 c3 CRON_TZ schedule',
    line: `velero schedule create s --schedule="CRON_TZ=America/New_York 0 3 * * *" --include-cluster-resources=true --exclude-resources ${EPH}`,
    expect: [],
  },
  { name: 'i18 c3 TZ schedule', line: S.replace("'0 1 * * *'", "'TZ=Asia/Shanghai 0 1 * * *'"), expect: [] },
  // Velero issues and forum posts: day units do not exist in Go durations.
  { name: 'i18 c3 @every 1d', line: S.replace("'0 1 * * *'", "'@every 1d'"), expect: ['CMV018'] },
  { name: 'i18 c3 @every 24h', line: S.replace("'0 1 * * *'", "'@every 24h'"), expect: [] },
  { name: 'i18 c3 weekday 7', line: S.replace("'0 1 * * *'", "'0 1 * * 7'"), expect: ['CMV018'] },
  // Velero 1.18.3 parses schedules with netresearch/go-cron v0.15.0 (go.mod at the v1.18.3 tag; parser.go, spec.go).
  {
    name: 'go-cron (1.18.3): weekday 7 is Sunday',
    version: '1.18.3',
    line: S.replace("'0 1 * * *'", "'0 1 * * 7'"),
    expect: [],
  },
  {
    name: 'go-cron (1.18.3): a wrap-around hour range',
    version: '1.18.3',
    line: S.replace("'0 1 * * *'", "'0 22-2 * * *'"),
    expect: [],
  },
  {
    name: 'go-cron (1.18.3): a step as large as its range',
    version: '1.18.3',
    line: S.replace("'0 1 * * *'", "'*/60 * * * *'"),
    expect: ['CMV018'],
    messages: { CMV018: 'Velero up to 1.18.2, with robfig/cron, accepted it' },
  },
  {
    name: 'go-cron (1.18.3): @manual is always due',
    version: '1.18.3',
    line: S.replace("'0 1 * * *'", "'@manual'"),
    expect: ['CMV018'],
    messages: { CMV018: 'always due' },
  },
  {
    name: 'go-cron (1.18.3): day of month and weekday both set now means both',
    version: '1.18.3',
    line: S.replace("'0 1 * * *'", "'0 1 1 * 1'"),
    expect: ['CMV018'],
    severities: { CMV018: 'warning' },
  },
  // velero restore create --resource-policies-configmap: pkg/cmd/cli/restore/create.go at v1.18.3, absent at v1.18.2.
  {
    name: 'restore --resource-policies-configmap exists from 1.18.3',
    version: '1.18.3',
    line: `${R} --resource-policies-configmap restore-filters`,
    expect: ['CMV048'],
  },
  {
    name: 'restore --resource-policies-configmap is an unknown flag before 1.18.3',
    version: '1.18.2',
    line: `${R} --resource-policies-configmap restore-filters`,
    expect: ['CMV001', 'CMV048'],
    messages: { CMV001: 'added in Velero 1.18.3' },
  },
  {
    name: 'robfig (1.18.2): day of month and weekday both set, either matches: clean',
    version: '1.18.2',
    line: S.replace("'0 1 * * *'", "'0 1 1 * 1'"),
    expect: [],
  },
  // velero backup create --help: NAME is required unless --from-schedule.
  { name: 'i18 c3 backup without name', line: B.replace('create b', 'create'), expect: ['CMV004'] },
  { name: 'i18 c3 backup from schedule without name', line: 'velero backup create --from-schedule daily', expect: [] },
  // velero install takes no Args check: a stray word is ignored, not an error.
  {
    name: 'i18 c3 install stray word',
    line: 'velero install --provider aws --bucket velero --secret-file ./credentials-velero us-east-1 --plugins velero/velero-plugin-for-aws:v1.10.0 --features=EnableAPIGroupVersions',
    expect: ['CMV004'],
    severities: { CMV004: 'warning' },
    messages: { CMV004: 'silently ignores' },
  },
  // Class 5. Velero docs resource-filtering.md: an explicit cluster-scoped allowlist.
  {
    name: 'i18 c5 docs storageclasses,clusterroles',
    line: `velero backup create b --include-cluster-scoped-resources=storageclasses,clusterroles --exclude-namespace-scoped-resources=${EPH}`,
    expect: ['CMV023'],
    messages: { CMV023: 'clusterissuers.cert-manager.io' },
  },
  // Class 6. Velero docs resource-filtering.md ("includeExcludePolicy vs. filters"): `-apiservices` is a value.
  {
    name: 'i18 c6 docs -apiservices is a value, not a flag',
    line: 'velero backup create b --resource-policies-configmap my-policy --include-cluster-scoped-resources -apiservices',
    expect: ['CMV010', 'CMV023', 'CMV027', 'CMV030'],
  },
  // Class 7. Velero issue 9869: v1.18.1 expands the namespace '*' into the live namespaces. Measured on a live
  // v1.18.1 (test/e2e/velero-1-18-1-wildcard.test.ts, opt-in E2E_VELERO_1_18_1=1): the backup log says
  // "Including namespaces: cert-manager, default, kube-node-lease, kube-public, kube-system, shop, velero", and
  // the backup still holds the ClusterIssuer, all six cert-manager CRDs and the webhook configurations, as
  // v1.18.3 does (test/e2e/velero-current.test.ts). The expanded list, sorted, equals the API server's sorted
  // namespace listing, so IncludeEverything holds; the regression is speed (one list call per namespace:
  // 407 namespaced lists there). No finding on any version.
  {
    name: 'i18 c7 old-style backup on 1.18.1',
    line: `velero backup create b --exclude-resources ${EPH}`,
    version: '1.18.1',
    expect: [],
  },
  {
    name: 'i18 c7 old-style Backup manifest on 1.18.1 (empty includes become * there too)',
    yaml: `apiVersion: velero.io/v1
kind: Backup
metadata: {name: b, namespace: velero}
spec:
  excludedResources: [orders.acme.cert-manager.io, challenges.acme.cert-manager.io, certificaterequests.cert-manager.io]
`,
    version: '1.18.1',
    expect: [],
  },
  {
    name: 'i18 c7 old-style backup on 1.18.2',
    line: `velero backup create b --exclude-resources ${EPH}`,
    version: '1.18.2',
    expect: [],
  },
  {
    name: 'i18 c7 old-style backup on 1.18.0',
    line: `velero backup create b --exclude-resources ${EPH}`,
    version: '1.18.0',
    expect: [],
  },
  { name: 'i18 c7 guide backup on 1.18.1', line: B, version: '1.18.1', expect: [] },
];

/**
 * The corpus: real `velero` command lines, none written here, each with where it was found and the verdict Velero's
 * code demands of it as this project reads that code (exit code of `velero-cm-preflight` at the default
 * `--fail-on warning`, and the rule ids it must report), checked by corpus.test.ts on every `npm test`.
 *
 * Sources: Velero's documentation for every supported minor (site/content/docs/v1.12 ... v1.18 and main of
 * vmware-tanzu/velero, file:line), the `--help` examples compiled into velero v1.14.1, v1.16.2 and v1.18.1
 * (pkg/cmd/cli/.../create.go), Velero issues and pull requests, and public scripts and docs. A line found in
 * several minors' docs is judged once per minor where the verdict can differ by version (backup and schedule
 * commands), with the newest patch of that minor; other commands once, on 1.18.3.
 *
 * Placeholders were made plain words so the shell can read the line (`<backup-name>` became `backup-name`),
 * and shell variables of the public scripts were replaced by the values those scripts set. Velero's namespace is
 * the unknown default (no --velero-namespace), as for a user who runs the tool without options.
 */
export interface CorpusLine {
  version: string;
  exit: 0 | 1 | 2;
  findings: string[];
  line: string;
  source: string;
}

export const CORPUS: CorpusLine[] = [
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero backup create nginx-hook-test',
    source: 'velero docs site/content/docs/v1.18/backup-hooks.md:75',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV026', 'CMV027'],
    line: "velero backup create backupName --include-cluster-resources=true --ordered-resources 'pods=ns1/pod1,ns1/pod2;persistentvolumes=pv4,pv8' --include-namespaces=ns1",
    source: 'velero docs site/content/docs/v1.18/backup-reference.md:24',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: "velero backup create backupName --ordered-resources 'statefulsets=ns1/sts1,ns1/sts0' --include-namespaces=ns1",
    source: 'velero docs site/content/docs/v1.18/backup-reference.md:25',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero schedule create example-schedule --schedule="0 3 * * *"',
    source: 'velero docs site/content/docs/v1.18/backup-reference.md:52',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup create --from-schedule example-schedule',
    source: 'velero docs site/content/docs/v1.18/backup-reference.md:64',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero schedule create example-schedule --schedule="CRON_TZ=America/New_York 0 3 * * *"',
    source: 'velero docs site/content/docs/v1.18/backup-reference.md:79',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero schedule create example-schedule --schedule="CRON_TZ=Asia/Shanghai 0 3 * * *"',
    source: 'velero docs site/content/docs/v1.18/backup-reference.md:85',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV018', 'CMV021', 'CMV027'],
    line: 'velero schedule create --use-owner-references-in-backup backup-name',
    source: 'velero docs site/content/docs/v1.18/backup-reference.md:103',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --provider aws --bucket your-bucket --secret-file ./credentials-velero --plugins velero/velero-plugin-for-aws:v1.10.0 --use-volume-snapshots=false --backup-location-config region=your-region,s3ForcePathStyle="true",s3Url=your-url-access-point,checksumAlgorithm=""',
    source: 'velero docs site/content/docs/v1.18/contributions/ibm-config.md:64',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --provider aws --plugins velero/velero-plugin-for-aws:v1.2.1 --bucket velero --secret-file ./credentials-velero --use-volume-snapshots=false --backup-location-config region=minio,s3ForcePathStyle="true",s3Url=http://minio.velero.svc:9000',
    source: 'velero docs site/content/docs/v1.18/contributions/minio.md:75',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027', 'CMV028'],
    line: 'velero backup create nginx-backup --selector app=nginx',
    source: 'velero docs site/content/docs/v1.18/contributions/minio.md:114',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027', 'CMV028'],
    line: "velero backup create nginx-backup --selector 'backup notin (ignore)'",
    source: 'velero docs site/content/docs/v1.18/contributions/minio.md:120',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027', 'CMV028'],
    line: 'velero schedule create nginx-daily --schedule="0 1 * * *" --selector app=nginx',
    source: 'velero docs site/content/docs/v1.18/contributions/minio.md:126',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027', 'CMV028'],
    line: 'velero schedule create nginx-daily --schedule="@daily" --selector app=nginx',
    source: 'velero docs site/content/docs/v1.18/contributions/minio.md:132',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: 'velero restore create --from-backup nginx-backup',
    source: 'velero docs site/content/docs/v1.18/contributions/minio.md:160',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --provider aws --bucket velero --prefix oracle-cloudnative --use-volume-snapshots=false --secret-file /Users/mboxell/bin/velero/credentials-velero --backup-location-config region=us-phoenix-1,s3ForcePathStyle="true",s3Url=https://oracle-cloudnative.compat.objectstorage.us-phoenix-1.oraclecloud.com',
    source: 'velero docs site/content/docs/v1.18/contributions/oracle-config.md:98',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create nginx-backup --include-namespaces nginx-example',
    source: 'velero docs site/content/docs/v1.18/contributions/oracle-config.md:162',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --provider aws --plugins velero/velero-plugin-for-aws:v1.1.0 --bucket bucketname --secret-file ./credentials-velero --use-node-agent --default-volumes-to-fs-backup --backup-location-config region=ap-guangzhou,s3ForcePathStyle="true",s3Url=https://cos.ap-guangzhou.myqcloud.com',
    source: 'velero docs site/content/docs/v1.18/contributions/tencent-config.md:45',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create default-backup --include-namespaces namespace',
    source: 'velero docs site/content/docs/v1.18/contributions/tencent-config.md:102',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: 'velero restore create --from-backup backupobject',
    source: 'velero docs site/content/docs/v1.18/contributions/tencent-config.md:129',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --use-node-agent --node-agent-disable-host-path',
    source: 'velero docs site/content/docs/v1.18/csi-snapshot-data-movement.md:43',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --apply',
    source: 'velero docs site/content/docs/v1.18/customize-installation.md:50',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --features=EnableCSI',
    source: 'velero docs site/content/docs/v1.18/customize-installation.md:64',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --server-priority-class-name=server-priority-class --node-agent-priority-class-name=node-agent-priority-class',
    source: 'velero docs site/content/docs/v1.18/customize-installation.md:123',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV064', 'CMV065'],
    line: 'velero plugin add registry-image-version',
    source: 'velero docs site/content/docs/v1.18/customize-installation.md:319',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --crds-only --dry-run -o yaml | kubectl apply -f -',
    source: 'velero docs site/content/docs/v1.18/development.md:45',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero schedule create schedule-name --schedule "0 7 * * *"',
    source: 'velero docs site/content/docs/v1.18/disaster-case.md:13',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: 'velero restore create --from-backup schedule-name-timestamp',
    source: 'velero docs site/content/docs/v1.18/disaster-case.md:32',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create nginx-backup --include-namespaces nginx-example --csi-snapshot-timeout=20m',
    source: 'velero docs site/content/docs/v1.18/examples.md:53',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --use-node-agent',
    source: 'velero docs site/content/docs/v1.18/file-system-backup.md:58',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --use-node-agent --privileged-node-agent',
    source: 'velero docs site/content/docs/v1.18/file-system-backup.md:143',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero backup create full-cluster-backup --volume-snapshot-locations ebs-us-east-1,portworx-cloud',
    source: 'velero docs site/content/docs/v1.18/locations.md:69',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero backup create full-cluster-backup',
    source: 'velero docs site/content/docs/v1.18/locations.md:76',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero backup create full-cluster-alternate-location-backup --storage-location backups-secondary',
    source: 'velero docs site/content/docs/v1.18/locations.md:122',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero backup create local-snapshot-backup --volume-snapshot-locations portworx-local',
    source: 'velero docs site/content/docs/v1.18/locations.md:148',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero backup create cloud-snapshot-backup --volume-snapshot-locations portworx-cloud',
    source: 'velero docs site/content/docs/v1.18/locations.md:155',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --provider aws --image velero/velero:v1.8.0 --plugins velero/velero-plugin-for-aws:v1.4.0 --bucket velero-migration-demo --secret-file xxxx/aws-credentials-cluster1 --backup-location-config region=us-east-2 --snapshot-location-config region=us-east-2',
    source: 'velero docs site/content/docs/v1.18/migration-case.md:27',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero backup create backup-name',
    source: 'velero docs site/content/docs/v1.18/migration-case.md:42',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --provider aws --image velero/velero:v1.8.0 --plugins velero/velero-plugin-for-aws:v1.4.0 --bucket velero-migration-demo --secret-file xxxx/aws-credentials-cluster2 --backup-location-config region=us-east-2 --snapshot-location-config region=us-east-2',
    source: 'velero docs site/content/docs/v1.18/migration-case.md:52',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: 'velero restore create --from-backup backup-name',
    source: 'velero docs site/content/docs/v1.18/migration-case.md:81',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027', 'CMV031'],
    line: 'velero backup create my-backup --include-namespaces "app-*"',
    source: 'velero docs site/content/docs/v1.18/namespace-glob-patterns.md:14',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027', 'CMV031'],
    line: 'velero backup create my-backup --include-namespaces "ns?"',
    source: 'velero docs site/content/docs/v1.18/namespace-glob-patterns.md:20',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027', 'CMV031'],
    line: 'velero backup create my-backup --include-namespaces "ns[123]"',
    source: 'velero docs site/content/docs/v1.18/namespace-glob-patterns.md:26',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027', 'CMV031'],
    line: 'velero backup create my-backup --include-namespaces "ns[a-c]"',
    source: 'velero docs site/content/docs/v1.18/namespace-glob-patterns.md:32',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027', 'CMV031'],
    line: 'velero backup create prod-backup --include-namespaces "*-prod" --exclude-namespaces "test-*"',
    source: 'velero docs site/content/docs/v1.18/namespace-glob-patterns.md:59',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027', 'CMV031'],
    line: 'velero backup create numbered-backup --include-namespaces "app-[0-9]"',
    source: 'velero docs site/content/docs/v1.18/namespace-glob-patterns.md:64',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV040', 'CMV047', 'CMV048'],
    line: 'velero restore create my-restore --from-backup my-backup --include-namespaces "frontend-*,backend-*"',
    source: 'velero docs site/content/docs/v1.18/namespace-glob-patterns.md:68',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create backup-name --include-namespaces namespace',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:29',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV015', 'CMV040', 'CMV047', 'CMV048'],
    line: 'velero restore create backup-name --include-namespaces namespace1,namespace2',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:35',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --include-resources deployments',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:45',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV015'],
    line: 'velero restore create backup-name --include-resources deployments,configmaps',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:51',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --include-resources deployments --include-namespaces namespace',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:57',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV015', 'CMV041', 'CMV047', 'CMV048'],
    line: 'velero restore create backup-name --include-cluster-resources=false',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:85',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV026', 'CMV027'],
    line: 'velero backup create backup-name --include-namespaces namespace --include-cluster-resources=true',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:91',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027', 'CMV028'],
    line: 'velero backup create backup-name --selector key=value',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:99',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027', 'CMV028'],
    line: 'velero backup create backup-name --selector "key notin (value)"',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:103',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027', 'CMV028'],
    line: 'velero backup create backup1 --or-selector "foo=bar or baz=qux"',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:117',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV044', 'CMV047', 'CMV048'],
    line: 'velero restore create restore-prod --from-backup=prod-backup --or-selector "env in (prod,production) or environment in (prod, production)"',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:123',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --include-cluster-scoped-resources="storageclasses,clusterroles"',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:132',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create backup-name --include-cluster-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:138',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --include-namespace-scoped-resources="deployments.apps,configmaps"',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:148',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --include-namespace-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:154',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create backup-name --exclude-namespaces kube-system',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:172',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV015', 'CMV040', 'CMV047', 'CMV048'],
    line: 'velero restore create backup-name --exclude-namespaces namespace1,namespace2',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:178',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV025', 'CMV027'],
    line: 'velero backup create backup-name --exclude-resources secrets',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:188',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV025', 'CMV027'],
    line: 'velero backup create backup-name --exclude-resources secrets,rolebindings',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:194',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --exclude-cluster-scoped-resources="storageclasses,clusterroles"',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:207',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV022', 'CMV027'],
    line: 'velero backup create backup-name --exclude-cluster-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:213',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --exclude-namespace-scoped-resources="deployments.apps,configmaps"',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:222',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --exclude-namespace-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:228',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV004', 'CMV021', 'CMV027', 'CMV030'],
    line: 'velero backup create --resource-policies-configmap configmap-name',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:247',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027', 'CMV030'],
    line: 'velero backup create backup-name --resource-policies-configmap my-policy --include-namespaces my-workload-ns',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:342',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV010', 'CMV020', 'CMV027', 'CMV030'],
    line: 'velero backup create backup-name --resource-policies-configmap my-policy --include-namespace-scoped-resources * --include-cluster-scoped-resources -apiservices --include-namespaces my-workload-ns',
    source: 'velero docs site/content/docs/v1.18/resource-filtering.md:358',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: 'velero restore create restore-name --from-backup backup-name --namespace-mappings old-ns-1:new-ns-1,old-ns-2:new-ns-2',
    source: 'velero docs site/content/docs/v1.18/restore-reference.md:227',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: 'velero restore create restore-name --from-backup backup-name --write-sparse-files --wait',
    source: 'velero docs site/content/docs/v1.18/restore-reference.md:319',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV015', 'CMV047', 'CMV048'],
    line: 'velero restore create --resource-modifier-configmap configmap-name',
    source: 'velero docs site/content/docs/v1.18/restore-resource-modifiers.md:22',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --node-agent-configmap=configmap-name',
    source: 'velero docs site/content/docs/v1.18/supported-configmaps/node-agent-configmap.md:34',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --provider gcp --plugins velero/velero-plugin-for-gcp:v1.0.0 --bucket mybucket --secret-file ./gcp-service-account.json',
    source: 'velero docs site/content/docs/v1.18/velero-install.md:49',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --provider aws --plugins velero/velero-plugin-for-aws:v1.0.0 --bucket backups --secret-file ./aws-iam-creds --backup-location-config region=us-east-2 --snapshot-location-config region=us-east-2 --use-node-agent',
    source: 'velero docs site/content/docs/v1.18/velero-install.md:51',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV017', 'CMV066'],
    line: 'velero install --provider azure --plugins velero/velero-plugin-for-microsoft-azure:v1.0.0 --bucket $BLOB_CONTAINER --secret-file ./credentials-velero --backup-location-config resourceGroup=$AZURE_BACKUP_RESOURCE_GROUP,storageAccount=$AZURE_STORAGE_ACCOUNT_ID[,subscriptionId=$AZURE_BACKUP_SUBSCRIPTION_ID] --snapshot-location-config apiTimeout=your-timeout[,resourceGroup=$AZURE_BACKUP_RESOURCE_GROUP,subscriptionId=$AZURE_BACKUP_SUBSCRIPTION_ID]',
    source: 'velero docs site/content/docs/v1.18/velero-install.md:53',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create db-backup --include-namespaces my-database --snapshot-move-data=true',
    source: 'velero docs site/content/docs/v1.18/volume-group-snapshots.md:81',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create db-backup --include-namespaces my-database --snapshot-move-data=false',
    source: 'velero docs site/content/docs/v1.18/volume-group-snapshots.md:84',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create app-backup --include-namespaces my-app',
    source: 'velero docs site/content/docs/v1.18/volume-group-snapshots.md:87',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create my-app-backup --include-namespaces my-database',
    source: 'velero docs site/content/docs/v1.18/volume-group-snapshots.md:230',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: 'velero restore create test-restore --from-backup my-app-backup --namespace-mappings my-database:my-database-restore',
    source: 'velero docs site/content/docs/v1.18/volume-group-snapshots.md:257',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero backup create nginx-hook-test',
    source: 'velero docs site/content/docs/v1.17/backup-hooks.md:75',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV026', 'CMV027'],
    line: "velero backup create backupName --include-cluster-resources=true --ordered-resources 'pods=ns1/pod1,ns1/pod2;persistentvolumes=pv4,pv8' --include-namespaces=ns1",
    source: 'velero docs site/content/docs/v1.17/backup-reference.md:24',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: "velero backup create backupName --ordered-resources 'statefulsets=ns1/sts1,ns1/sts0' --include-namespaces=ns1",
    source: 'velero docs site/content/docs/v1.17/backup-reference.md:25',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero schedule create example-schedule --schedule="0 3 * * *"',
    source: 'velero docs site/content/docs/v1.17/backup-reference.md:52',
  },
  {
    version: '1.17.2',
    exit: 0,
    findings: [],
    line: 'velero backup create --from-schedule example-schedule',
    source: 'velero docs site/content/docs/v1.17/backup-reference.md:64',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero schedule create example-schedule --schedule="CRON_TZ=America/New_York 0 3 * * *"',
    source: 'velero docs site/content/docs/v1.17/backup-reference.md:79',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero schedule create example-schedule --schedule="CRON_TZ=Asia/Shanghai 0 3 * * *"',
    source: 'velero docs site/content/docs/v1.17/backup-reference.md:85',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV018', 'CMV021', 'CMV027'],
    line: 'velero schedule create --use-owner-references-in-backup backup-name',
    source: 'velero docs site/content/docs/v1.17/backup-reference.md:103',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV021', 'CMV027', 'CMV028'],
    line: 'velero backup create nginx-backup --selector app=nginx',
    source: 'velero docs site/content/docs/v1.17/contributions/minio.md:114',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV021', 'CMV027', 'CMV028'],
    line: "velero backup create nginx-backup --selector 'backup notin (ignore)'",
    source: 'velero docs site/content/docs/v1.17/contributions/minio.md:120',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV021', 'CMV027', 'CMV028'],
    line: 'velero schedule create nginx-daily --schedule="0 1 * * *" --selector app=nginx',
    source: 'velero docs site/content/docs/v1.17/contributions/minio.md:126',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV021', 'CMV027', 'CMV028'],
    line: 'velero schedule create nginx-daily --schedule="@daily" --selector app=nginx',
    source: 'velero docs site/content/docs/v1.17/contributions/minio.md:132',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create nginx-backup --include-namespaces nginx-example',
    source: 'velero docs site/content/docs/v1.17/contributions/oracle-config.md:162',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create default-backup --include-namespaces namespace',
    source: 'velero docs site/content/docs/v1.17/contributions/tencent-config.md:102',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero schedule create schedule-name --schedule "0 7 * * *"',
    source: 'velero docs site/content/docs/v1.17/disaster-case.md:13',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create nginx-backup --include-namespaces nginx-example --csi-snapshot-timeout=20m',
    source: 'velero docs site/content/docs/v1.17/examples.md:53',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero backup create full-cluster-backup --volume-snapshot-locations ebs-us-east-1,portworx-cloud',
    source: 'velero docs site/content/docs/v1.17/locations.md:69',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero backup create full-cluster-backup',
    source: 'velero docs site/content/docs/v1.17/locations.md:76',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero backup create full-cluster-alternate-location-backup --storage-location backups-secondary',
    source: 'velero docs site/content/docs/v1.17/locations.md:122',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero backup create local-snapshot-backup --volume-snapshot-locations portworx-local',
    source: 'velero docs site/content/docs/v1.17/locations.md:148',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero backup create cloud-snapshot-backup --volume-snapshot-locations portworx-cloud',
    source: 'velero docs site/content/docs/v1.17/locations.md:155',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero backup create backup-name',
    source: 'velero docs site/content/docs/v1.17/migration-case.md:42',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create backup-name --include-namespaces namespace',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:25',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV015', 'CMV040', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create backup-name --include-namespaces namespace1,namespace2',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:31',
  },
  {
    version: '1.17.2',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --include-resources deployments',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:41',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV015'],
    line: 'velero restore create backup-name --include-resources deployments,configmaps',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:47',
  },
  {
    version: '1.17.2',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --include-resources deployments --include-namespaces namespace',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:53',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV015', 'CMV041', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create backup-name --include-cluster-resources=false',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:81',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV026', 'CMV027'],
    line: 'velero backup create backup-name --include-namespaces namespace --include-cluster-resources=true',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:87',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV021', 'CMV027', 'CMV028'],
    line: 'velero backup create backup-name --selector key=value',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:95',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV021', 'CMV027', 'CMV028'],
    line: 'velero backup create backup-name --selector "key notin (value)"',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:99',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV021', 'CMV027', 'CMV028'],
    line: 'velero backup create backup1 --or-selector "foo=bar or baz=qux"',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:113',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --include-cluster-scoped-resources="storageclasses,clusterroles"',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:128',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create backup-name --include-cluster-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:134',
  },
  {
    version: '1.17.2',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --include-namespace-scoped-resources="deployments.apps,configmaps"',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:144',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --include-namespace-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:150',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create backup-name --exclude-namespaces kube-system',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:166',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV015', 'CMV040', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create backup-name --exclude-namespaces namespace1,namespace2',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:172',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV025', 'CMV027'],
    line: 'velero backup create backup-name --exclude-resources secrets',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:182',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV025', 'CMV027'],
    line: 'velero backup create backup-name --exclude-resources secrets,rolebindings',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:188',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --exclude-cluster-scoped-resources="storageclasses,clusterroles"',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:201',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV022', 'CMV027'],
    line: 'velero backup create backup-name --exclude-cluster-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:207',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --exclude-namespace-scoped-resources="deployments.apps,configmaps"',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:216',
  },
  {
    version: '1.17.2',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --exclude-namespace-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:222',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV004', 'CMV021', 'CMV027', 'CMV030'],
    line: 'velero backup create --resource-policies-configmap configmap-name',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:241',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV020', 'CMV027', 'CMV030'],
    line: 'velero backup create backup-name --resource-policies-configmap my-policy --include-namespaces my-workload-ns',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:333',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV010', 'CMV020', 'CMV027', 'CMV030'],
    line: 'velero backup create backup-name --resource-policies-configmap my-policy --include-namespace-scoped-resources * --include-cluster-scoped-resources -apiservices --include-namespaces my-workload-ns',
    source: 'velero docs site/content/docs/v1.17/resource-filtering.md:349',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create db-backup --include-namespaces my-database --snapshot-move-data=true',
    source: 'velero docs site/content/docs/v1.17/volume-group-snapshots.md:81',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create db-backup --include-namespaces my-database --snapshot-move-data=false',
    source: 'velero docs site/content/docs/v1.17/volume-group-snapshots.md:84',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create app-backup --include-namespaces my-app',
    source: 'velero docs site/content/docs/v1.17/volume-group-snapshots.md:87',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create my-app-backup --include-namespaces my-database',
    source: 'velero docs site/content/docs/v1.17/volume-group-snapshots.md:230',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create nginx-hook-test',
    source: 'velero docs site/content/docs/v1.16/backup-hooks.md:75',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV026', 'CMV027'],
    line: "velero backup create backupName --include-cluster-resources=true --ordered-resources 'pods=ns1/pod1,ns1/pod2;persistentvolumes=pv4,pv8' --include-namespaces=ns1",
    source: 'velero docs site/content/docs/v1.16/backup-reference.md:24',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: "velero backup create backupName --ordered-resources 'statefulsets=ns1/sts1,ns1/sts0' --include-namespaces=ns1",
    source: 'velero docs site/content/docs/v1.16/backup-reference.md:25',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero schedule create example-schedule --schedule="0 3 * * *"',
    source: 'velero docs site/content/docs/v1.16/backup-reference.md:52',
  },
  {
    version: '1.16.2',
    exit: 0,
    findings: [],
    line: 'velero backup create --from-schedule example-schedule',
    source: 'velero docs site/content/docs/v1.16/backup-reference.md:64',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero schedule create example-schedule --schedule="CRON_TZ=America/New_York 0 3 * * *"',
    source: 'velero docs site/content/docs/v1.16/backup-reference.md:79',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero schedule create example-schedule --schedule="CRON_TZ=Asia/Shanghai 0 3 * * *"',
    source: 'velero docs site/content/docs/v1.16/backup-reference.md:85',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV018', 'CMV027'],
    line: 'velero schedule create --use-owner-references-in-backup backup-name',
    source: 'velero docs site/content/docs/v1.16/backup-reference.md:103',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero backup create nginx-backup --selector app=nginx',
    source: 'velero docs site/content/docs/v1.16/contributions/minio.md:114',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: "velero backup create nginx-backup --selector 'backup notin (ignore)'",
    source: 'velero docs site/content/docs/v1.16/contributions/minio.md:120',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero schedule create nginx-daily --schedule="0 1 * * *" --selector app=nginx',
    source: 'velero docs site/content/docs/v1.16/contributions/minio.md:126',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero schedule create nginx-daily --schedule="@daily" --selector app=nginx',
    source: 'velero docs site/content/docs/v1.16/contributions/minio.md:132',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create nginx-backup --include-namespaces nginx-example',
    source: 'velero docs site/content/docs/v1.16/contributions/oracle-config.md:162',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create default-backup --include-namespaces namespace',
    source: 'velero docs site/content/docs/v1.16/contributions/tencent-config.md:102',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero schedule create schedule-name --schedule "0 7 * * *"',
    source: 'velero docs site/content/docs/v1.16/disaster-case.md:13',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create nginx-backup --include-namespaces nginx-example --csi-snapshot-timeout=20m',
    source: 'velero docs site/content/docs/v1.16/examples.md:53',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create full-cluster-backup --volume-snapshot-locations ebs-us-east-1,portworx-cloud',
    source: 'velero docs site/content/docs/v1.16/locations.md:69',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create full-cluster-backup',
    source: 'velero docs site/content/docs/v1.16/locations.md:76',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create full-cluster-alternate-location-backup --storage-location backups-secondary',
    source: 'velero docs site/content/docs/v1.16/locations.md:122',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create local-snapshot-backup --volume-snapshot-locations portworx-local',
    source: 'velero docs site/content/docs/v1.16/locations.md:148',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create cloud-snapshot-backup --volume-snapshot-locations portworx-cloud',
    source: 'velero docs site/content/docs/v1.16/locations.md:155',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create backup-name',
    source: 'velero docs site/content/docs/v1.16/migration-case.md:42',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create backup-name --include-namespaces namespace',
    source: 'velero docs site/content/docs/v1.16/resource-filtering.md:25',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV015', 'CMV040', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create backup-name --include-namespaces namespace1,namespace2',
    source: 'velero docs site/content/docs/v1.16/resource-filtering.md:31',
  },
  {
    version: '1.16.2',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --include-resources deployments',
    source: 'velero docs site/content/docs/v1.16/resource-filtering.md:41',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV015'],
    line: 'velero restore create backup-name --include-resources deployments,configmaps',
    source: 'velero docs site/content/docs/v1.16/resource-filtering.md:47',
  },
  {
    version: '1.16.2',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --include-resources deployments --include-namespaces namespace',
    source: 'velero docs site/content/docs/v1.16/resource-filtering.md:53',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV015', 'CMV041', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create backup-name --include-cluster-resources=false',
    source: 'velero docs site/content/docs/v1.16/resource-filtering.md:81',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV026', 'CMV027'],
    line: 'velero backup create backup-name --include-namespaces namespace --include-cluster-resources=true',
    source: 'velero docs site/content/docs/v1.16/resource-filtering.md:87',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero backup create backup-name --selector key=value',
    source: 'velero docs site/content/docs/v1.16/resource-filtering.md:95',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero backup create backup-name --selector "key notin (value)"',
    source: 'velero docs site/content/docs/v1.16/resource-filtering.md:99',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero backup create backup1 --or-selector "foo=bar or baz=qux"',
    source: 'velero docs site/content/docs/v1.16/resource-filtering.md:113',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --include-cluster-scoped-resources="storageclasses,clusterroles"',
    source: 'velero docs site/content/docs/v1.16/resource-filtering.md:128',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create backup-name --include-cluster-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.16/resource-filtering.md:134',
  },
  {
    version: '1.16.2',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --include-namespace-scoped-resources="deployments.apps,configmaps"',
    source: 'velero docs site/content/docs/v1.16/resource-filtering.md:144',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --include-namespace-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.16/resource-filtering.md:150',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create backup-name --exclude-namespaces kube-system',
    source: 'velero docs site/content/docs/v1.16/resource-filtering.md:166',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV015', 'CMV040', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create backup-name --exclude-namespaces namespace1,namespace2',
    source: 'velero docs site/content/docs/v1.16/resource-filtering.md:172',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV025', 'CMV027'],
    line: 'velero backup create backup-name --exclude-resources secrets',
    source: 'velero docs site/content/docs/v1.16/resource-filtering.md:182',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV025', 'CMV027'],
    line: 'velero backup create backup-name --exclude-resources secrets,rolebindings',
    source: 'velero docs site/content/docs/v1.16/resource-filtering.md:188',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --exclude-cluster-scoped-resources="storageclasses,clusterroles"',
    source: 'velero docs site/content/docs/v1.16/resource-filtering.md:201',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV022', 'CMV027'],
    line: 'velero backup create backup-name --exclude-cluster-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.16/resource-filtering.md:207',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --exclude-namespace-scoped-resources="deployments.apps,configmaps"',
    source: 'velero docs site/content/docs/v1.16/resource-filtering.md:216',
  },
  {
    version: '1.16.2',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --exclude-namespace-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.16/resource-filtering.md:222',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV004', 'CMV027', 'CMV030'],
    line: 'velero backup create --resource-policies-configmap configmap-name',
    source: 'velero docs site/content/docs/v1.16/resource-filtering.md:247',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create nginx-hook-test',
    source: 'velero docs site/content/docs/v1.15/backup-hooks.md:75',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV026', 'CMV027'],
    line: "velero backup create backupName --include-cluster-resources=true --ordered-resources 'pods=ns1/pod1,ns1/pod2;persistentvolumes=pv4,pv8' --include-namespaces=ns1",
    source: 'velero docs site/content/docs/v1.15/backup-reference.md:24',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: "velero backup create backupName --ordered-resources 'statefulsets=ns1/sts1,ns1/sts0' --include-namespaces=ns1",
    source: 'velero docs site/content/docs/v1.15/backup-reference.md:25',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero schedule create example-schedule --schedule="0 3 * * *"',
    source: 'velero docs site/content/docs/v1.15/backup-reference.md:52',
  },
  {
    version: '1.15.2',
    exit: 0,
    findings: [],
    line: 'velero backup create --from-schedule example-schedule',
    source: 'velero docs site/content/docs/v1.15/backup-reference.md:64',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero schedule create example-schedule --schedule="CRON_TZ=America/New_York 0 3 * * *"',
    source: 'velero docs site/content/docs/v1.15/backup-reference.md:79',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero schedule create example-schedule --schedule="CRON_TZ=Asia/Shanghai 0 3 * * *"',
    source: 'velero docs site/content/docs/v1.15/backup-reference.md:85',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV018', 'CMV027'],
    line: 'velero schedule create --use-owner-references-in-backup backup-name',
    source: 'velero docs site/content/docs/v1.15/backup-reference.md:103',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero backup create nginx-backup --selector app=nginx',
    source: 'velero docs site/content/docs/v1.15/contributions/minio.md:114',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: "velero backup create nginx-backup --selector 'backup notin (ignore)'",
    source: 'velero docs site/content/docs/v1.15/contributions/minio.md:120',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero schedule create nginx-daily --schedule="0 1 * * *" --selector app=nginx',
    source: 'velero docs site/content/docs/v1.15/contributions/minio.md:126',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero schedule create nginx-daily --schedule="@daily" --selector app=nginx',
    source: 'velero docs site/content/docs/v1.15/contributions/minio.md:132',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create nginx-backup --include-namespaces nginx-example',
    source: 'velero docs site/content/docs/v1.15/contributions/oracle-config.md:162',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create default-backup --include-namespaces namespace',
    source: 'velero docs site/content/docs/v1.15/contributions/tencent-config.md:102',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero schedule create schedule-name --schedule "0 7 * * *"',
    source: 'velero docs site/content/docs/v1.15/disaster-case.md:13',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create nginx-backup --include-namespaces nginx-example --csi-snapshot-timeout=20m',
    source: 'velero docs site/content/docs/v1.15/examples.md:53',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create full-cluster-backup --volume-snapshot-locations ebs-us-east-1,portworx-cloud',
    source: 'velero docs site/content/docs/v1.15/locations.md:69',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create full-cluster-backup',
    source: 'velero docs site/content/docs/v1.15/locations.md:76',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create full-cluster-alternate-location-backup --storage-location backups-secondary',
    source: 'velero docs site/content/docs/v1.15/locations.md:122',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create local-snapshot-backup --volume-snapshot-locations portworx-local',
    source: 'velero docs site/content/docs/v1.15/locations.md:148',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create cloud-snapshot-backup --volume-snapshot-locations portworx-cloud',
    source: 'velero docs site/content/docs/v1.15/locations.md:155',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create backup-name',
    source: 'velero docs site/content/docs/v1.15/migration-case.md:42',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create backup-name --include-namespaces namespace',
    source: 'velero docs site/content/docs/v1.15/resource-filtering.md:25',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV015', 'CMV040', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create backup-name --include-namespaces namespace1,namespace2',
    source: 'velero docs site/content/docs/v1.15/resource-filtering.md:31',
  },
  {
    version: '1.15.2',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --include-resources deployments',
    source: 'velero docs site/content/docs/v1.15/resource-filtering.md:41',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV015'],
    line: 'velero restore create backup-name --include-resources deployments,configmaps',
    source: 'velero docs site/content/docs/v1.15/resource-filtering.md:47',
  },
  {
    version: '1.15.2',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --include-resources deployments --include-namespaces namespace',
    source: 'velero docs site/content/docs/v1.15/resource-filtering.md:53',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV015', 'CMV041', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create backup-name --include-cluster-resources=false',
    source: 'velero docs site/content/docs/v1.15/resource-filtering.md:81',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV026', 'CMV027'],
    line: 'velero backup create backup-name --include-namespaces namespace --include-cluster-resources=true',
    source: 'velero docs site/content/docs/v1.15/resource-filtering.md:87',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero backup create backup-name --selector key=value',
    source: 'velero docs site/content/docs/v1.15/resource-filtering.md:95',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero backup create backup-name --selector "key notin (value)"',
    source: 'velero docs site/content/docs/v1.15/resource-filtering.md:99',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero backup create backup1 --or-selector "foo=bar or baz=qux"',
    source: 'velero docs site/content/docs/v1.15/resource-filtering.md:113',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --include-cluster-scoped-resources="storageclasses,clusterroles"',
    source: 'velero docs site/content/docs/v1.15/resource-filtering.md:128',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create backup-name --include-cluster-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.15/resource-filtering.md:134',
  },
  {
    version: '1.15.2',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --include-namespace-scoped-resources="deployments.apps,configmaps"',
    source: 'velero docs site/content/docs/v1.15/resource-filtering.md:144',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --include-namespace-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.15/resource-filtering.md:150',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create backup-name --exclude-namespaces kube-system',
    source: 'velero docs site/content/docs/v1.15/resource-filtering.md:166',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV015', 'CMV040', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create backup-name --exclude-namespaces namespace1,namespace2',
    source: 'velero docs site/content/docs/v1.15/resource-filtering.md:172',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV025', 'CMV027'],
    line: 'velero backup create backup-name --exclude-resources secrets',
    source: 'velero docs site/content/docs/v1.15/resource-filtering.md:182',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV025', 'CMV027'],
    line: 'velero backup create backup-name --exclude-resources secrets,rolebindings',
    source: 'velero docs site/content/docs/v1.15/resource-filtering.md:188',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --exclude-cluster-scoped-resources="storageclasses,clusterroles"',
    source: 'velero docs site/content/docs/v1.15/resource-filtering.md:201',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV022', 'CMV027'],
    line: 'velero backup create backup-name --exclude-cluster-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.15/resource-filtering.md:207',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --exclude-namespace-scoped-resources="deployments.apps,configmaps"',
    source: 'velero docs site/content/docs/v1.15/resource-filtering.md:216',
  },
  {
    version: '1.15.2',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --exclude-namespace-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.15/resource-filtering.md:222',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV004', 'CMV027', 'CMV030'],
    line: 'velero backup create --resource-policies-configmap configmap-name',
    source: 'velero docs site/content/docs/v1.15/resource-filtering.md:247',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create nginx-hook-test',
    source: 'velero docs site/content/docs/v1.14/backup-hooks.md:72',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV026', 'CMV027'],
    line: "velero backup create backupName --include-cluster-resources=true --ordered-resources 'pods=ns1/pod1,ns1/pod2;persistentvolumes=pv4,pv8' --include-namespaces=ns1",
    source: 'velero docs site/content/docs/v1.14/backup-reference.md:24',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: "velero backup create backupName --ordered-resources 'statefulsets=ns1/sts1,ns1/sts0' --include-namespaces=ns1",
    source: 'velero docs site/content/docs/v1.14/backup-reference.md:25',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero schedule create example-schedule --schedule="0 3 * * *"',
    source: 'velero docs site/content/docs/v1.14/backup-reference.md:52',
  },
  {
    version: '1.14.1',
    exit: 0,
    findings: [],
    line: 'velero backup create --from-schedule example-schedule',
    source: 'velero docs site/content/docs/v1.14/backup-reference.md:64',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV018', 'CMV027'],
    line: 'velero schedule create --use-owner-references-in-backup backup-name',
    source: 'velero docs site/content/docs/v1.14/backup-reference.md:76',
  },
  {
    version: '1.14.1',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --provider aws --bucket your-bucket --secret-file ./credentials-velero --use-volume-snapshots=false --backup-location-config region=your-region,s3ForcePathStyle="true",s3Url=your-url-access-point',
    source: 'velero docs site/content/docs/v1.14/contributions/ibm-config.md:64',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero backup create nginx-backup --selector app=nginx',
    source: 'velero docs site/content/docs/v1.14/contributions/minio.md:114',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: "velero backup create nginx-backup --selector 'backup notin (ignore)'",
    source: 'velero docs site/content/docs/v1.14/contributions/minio.md:120',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero schedule create nginx-daily --schedule="0 1 * * *" --selector app=nginx',
    source: 'velero docs site/content/docs/v1.14/contributions/minio.md:126',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero schedule create nginx-daily --schedule="@daily" --selector app=nginx',
    source: 'velero docs site/content/docs/v1.14/contributions/minio.md:132',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create nginx-backup --include-namespaces nginx-example',
    source: 'velero docs site/content/docs/v1.14/contributions/oracle-config.md:162',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create default-backup --include-namespaces namespace',
    source: 'velero docs site/content/docs/v1.14/contributions/tencent-config.md:102',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero schedule create schedule-name --schedule "0 7 * * *"',
    source: 'velero docs site/content/docs/v1.14/disaster-case.md:13',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create nginx-backup --include-namespaces nginx-example --csi-snapshot-timeout=20m',
    source: 'velero docs site/content/docs/v1.14/examples.md:53',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create full-cluster-backup --volume-snapshot-locations ebs-us-east-1,portworx-cloud',
    source: 'velero docs site/content/docs/v1.14/locations.md:69',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create full-cluster-backup',
    source: 'velero docs site/content/docs/v1.14/locations.md:76',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create full-cluster-alternate-location-backup --storage-location backups-secondary',
    source: 'velero docs site/content/docs/v1.14/locations.md:122',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create local-snapshot-backup --volume-snapshot-locations portworx-local',
    source: 'velero docs site/content/docs/v1.14/locations.md:148',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create cloud-snapshot-backup --volume-snapshot-locations portworx-cloud',
    source: 'velero docs site/content/docs/v1.14/locations.md:155',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create backup-name',
    source: 'velero docs site/content/docs/v1.14/migration-case.md:42',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create backup-name --include-namespaces namespace',
    source: 'velero docs site/content/docs/v1.14/resource-filtering.md:25',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV015', 'CMV040', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create backup-name --include-namespaces namespace1,namespace2',
    source: 'velero docs site/content/docs/v1.14/resource-filtering.md:31',
  },
  {
    version: '1.14.1',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --include-resources deployments',
    source: 'velero docs site/content/docs/v1.14/resource-filtering.md:41',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV015'],
    line: 'velero restore create backup-name --include-resources deployments,configmaps',
    source: 'velero docs site/content/docs/v1.14/resource-filtering.md:47',
  },
  {
    version: '1.14.1',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --include-resources deployments --include-namespaces namespace',
    source: 'velero docs site/content/docs/v1.14/resource-filtering.md:53',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV015', 'CMV041', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create backup-name --include-cluster-resources=false',
    source: 'velero docs site/content/docs/v1.14/resource-filtering.md:81',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV026', 'CMV027'],
    line: 'velero backup create backup-name --include-namespaces namespace --include-cluster-resources=true',
    source: 'velero docs site/content/docs/v1.14/resource-filtering.md:87',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero backup create backup-name --selector key=value',
    source: 'velero docs site/content/docs/v1.14/resource-filtering.md:95',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero backup create backup-name --selector "key notin (value)"',
    source: 'velero docs site/content/docs/v1.14/resource-filtering.md:99',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero backup create backup1 --or-selector "foo=bar or baz=qux"',
    source: 'velero docs site/content/docs/v1.14/resource-filtering.md:113',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --include-cluster-scoped-resources="storageclasses,clusterroles"',
    source: 'velero docs site/content/docs/v1.14/resource-filtering.md:128',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create backup-name --include-cluster-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.14/resource-filtering.md:134',
  },
  {
    version: '1.14.1',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --include-namespace-scoped-resources="deployments.apps,configmaps"',
    source: 'velero docs site/content/docs/v1.14/resource-filtering.md:144',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --include-namespace-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.14/resource-filtering.md:150',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create backup-name --exclude-namespaces kube-system',
    source: 'velero docs site/content/docs/v1.14/resource-filtering.md:166',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV015', 'CMV040', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create backup-name --exclude-namespaces namespace1,namespace2',
    source: 'velero docs site/content/docs/v1.14/resource-filtering.md:172',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV025', 'CMV027'],
    line: 'velero backup create backup-name --exclude-resources secrets',
    source: 'velero docs site/content/docs/v1.14/resource-filtering.md:182',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV025', 'CMV027'],
    line: 'velero backup create backup-name --exclude-resources secrets,rolebindings',
    source: 'velero docs site/content/docs/v1.14/resource-filtering.md:188',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --exclude-cluster-scoped-resources="storageclasses,clusterroles"',
    source: 'velero docs site/content/docs/v1.14/resource-filtering.md:201',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV022', 'CMV027'],
    line: 'velero backup create backup-name --exclude-cluster-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.14/resource-filtering.md:207',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --exclude-namespace-scoped-resources="deployments.apps,configmaps"',
    source: 'velero docs site/content/docs/v1.14/resource-filtering.md:216',
  },
  {
    version: '1.14.1',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --exclude-namespace-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.14/resource-filtering.md:222',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV004', 'CMV027', 'CMV030'],
    line: 'velero backup create --resource-policies-configmap configmap-name',
    source: 'velero docs site/content/docs/v1.14/resource-filtering.md:247',
  },
  {
    version: '1.14.1',
    exit: 0,
    findings: ['CMV065'],
    line: 'velero plugin remove velero-velero-plugin-for-csi',
    source: 'velero docs site/content/docs/v1.14/upgrade-to-1.14.md:53',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create nginx-hook-test',
    source: 'velero docs site/content/docs/v1.13/backup-hooks.md:72',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV026', 'CMV027'],
    line: "velero backup create backupName --include-cluster-resources=true --ordered-resources 'pods=ns1/pod1,ns1/pod2;persistentvolumes=pv4,pv8' --include-namespaces=ns1",
    source: 'velero docs site/content/docs/v1.13/backup-reference.md:24',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: "velero backup create backupName --ordered-resources 'statefulsets=ns1/sts1,ns1/sts0' --include-namespaces=ns1",
    source: 'velero docs site/content/docs/v1.13/backup-reference.md:25',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero schedule create example-schedule --schedule="0 3 * * *"',
    source: 'velero docs site/content/docs/v1.13/backup-reference.md:52',
  },
  {
    version: '1.13.2',
    exit: 0,
    findings: [],
    line: 'velero backup create --from-schedule example-schedule',
    source: 'velero docs site/content/docs/v1.13/backup-reference.md:64',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV018', 'CMV027'],
    line: 'velero schedule create --use-owner-references-in-backup backup-name',
    source: 'velero docs site/content/docs/v1.13/backup-reference.md:76',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero backup create nginx-backup --selector app=nginx',
    source: 'velero docs site/content/docs/v1.13/contributions/minio.md:114',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: "velero backup create nginx-backup --selector 'backup notin (ignore)'",
    source: 'velero docs site/content/docs/v1.13/contributions/minio.md:120',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero schedule create nginx-daily --schedule="0 1 * * *" --selector app=nginx',
    source: 'velero docs site/content/docs/v1.13/contributions/minio.md:126',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero schedule create nginx-daily --schedule="@daily" --selector app=nginx',
    source: 'velero docs site/content/docs/v1.13/contributions/minio.md:132',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create nginx-backup --include-namespaces nginx-example',
    source: 'velero docs site/content/docs/v1.13/contributions/oracle-config.md:162',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create default-backup --include-namespaces namespace',
    source: 'velero docs site/content/docs/v1.13/contributions/tencent-config.md:102',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero schedule create schedule-name --schedule "0 7 * * *"',
    source: 'velero docs site/content/docs/v1.13/disaster-case.md:13',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create nginx-backup --include-namespaces nginx-example --csi-snapshot-timeout=20m',
    source: 'velero docs site/content/docs/v1.13/examples.md:53',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create full-cluster-backup --volume-snapshot-locations ebs-us-east-1,portworx-cloud',
    source: 'velero docs site/content/docs/v1.13/locations.md:69',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create full-cluster-backup',
    source: 'velero docs site/content/docs/v1.13/locations.md:76',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create full-cluster-alternate-location-backup --storage-location backups-secondary',
    source: 'velero docs site/content/docs/v1.13/locations.md:122',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create local-snapshot-backup --volume-snapshot-locations portworx-local',
    source: 'velero docs site/content/docs/v1.13/locations.md:148',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create cloud-snapshot-backup --volume-snapshot-locations portworx-cloud',
    source: 'velero docs site/content/docs/v1.13/locations.md:155',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create backup-name',
    source: 'velero docs site/content/docs/v1.13/migration-case.md:42',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create backup-name --include-namespaces namespace',
    source: 'velero docs site/content/docs/v1.13/resource-filtering.md:25',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV015', 'CMV040', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create backup-name --include-namespaces namespace1,namespace2',
    source: 'velero docs site/content/docs/v1.13/resource-filtering.md:31',
  },
  {
    version: '1.13.2',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --include-resources deployments',
    source: 'velero docs site/content/docs/v1.13/resource-filtering.md:41',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV015'],
    line: 'velero restore create backup-name --include-resources deployments,configmaps',
    source: 'velero docs site/content/docs/v1.13/resource-filtering.md:47',
  },
  {
    version: '1.13.2',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --include-resources deployments --include-namespaces namespace',
    source: 'velero docs site/content/docs/v1.13/resource-filtering.md:53',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV015', 'CMV041', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create backup-name --include-cluster-resources=false',
    source: 'velero docs site/content/docs/v1.13/resource-filtering.md:81',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV026', 'CMV027'],
    line: 'velero backup create backup-name --include-namespaces namespace --include-cluster-resources=true',
    source: 'velero docs site/content/docs/v1.13/resource-filtering.md:87',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero backup create backup-name --selector key=value',
    source: 'velero docs site/content/docs/v1.13/resource-filtering.md:95',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero backup create backup-name --selector "key notin (value)"',
    source: 'velero docs site/content/docs/v1.13/resource-filtering.md:99',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero backup create backup1 --or-selector "foo=bar or baz=qux"',
    source: 'velero docs site/content/docs/v1.13/resource-filtering.md:113',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --include-cluster-scoped-resources="storageclasses,clusterroles"',
    source: 'velero docs site/content/docs/v1.13/resource-filtering.md:128',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create backup-name --include-cluster-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.13/resource-filtering.md:134',
  },
  {
    version: '1.13.2',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --include-namespace-scoped-resources="deployments.apps,configmaps"',
    source: 'velero docs site/content/docs/v1.13/resource-filtering.md:144',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --include-namespace-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.13/resource-filtering.md:150',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create backup-name --exclude-namespaces kube-system',
    source: 'velero docs site/content/docs/v1.13/resource-filtering.md:166',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV015', 'CMV040', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create backup-name --exclude-namespaces namespace1,namespace2',
    source: 'velero docs site/content/docs/v1.13/resource-filtering.md:172',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV025', 'CMV027'],
    line: 'velero backup create backup-name --exclude-resources secrets',
    source: 'velero docs site/content/docs/v1.13/resource-filtering.md:182',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV025', 'CMV027'],
    line: 'velero backup create backup-name --exclude-resources secrets,rolebindings',
    source: 'velero docs site/content/docs/v1.13/resource-filtering.md:188',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --exclude-cluster-scoped-resources="storageclasses,clusterroles"',
    source: 'velero docs site/content/docs/v1.13/resource-filtering.md:201',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV022', 'CMV027'],
    line: 'velero backup create backup-name --exclude-cluster-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.13/resource-filtering.md:207',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --exclude-namespace-scoped-resources="deployments.apps,configmaps"',
    source: 'velero docs site/content/docs/v1.13/resource-filtering.md:216',
  },
  {
    version: '1.13.2',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --exclude-namespace-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.13/resource-filtering.md:222',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV004', 'CMV027', 'CMV030'],
    line: 'velero backup create --resource-policies-configmap configmap-name',
    source: 'velero docs site/content/docs/v1.13/resource-filtering.md:241',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create nginx-hook-test',
    source: 'velero docs site/content/docs/v1.12/backup-hooks.md:72',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV026', 'CMV027'],
    line: "velero backup create backupName --include-cluster-resources=true --ordered-resources 'pods=ns1/pod1,ns1/pod2;persistentvolumes=pv4,pv8' --include-namespaces=ns1",
    source: 'velero docs site/content/docs/v1.12/backup-reference.md:19',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: "velero backup create backupName --ordered-resources 'statefulsets=ns1/sts1,ns1/sts0' --include-namespaces=ns1",
    source: 'velero docs site/content/docs/v1.12/backup-reference.md:20',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero schedule create example-schedule --schedule="0 3 * * *"',
    source: 'velero docs site/content/docs/v1.12/backup-reference.md:47',
  },
  {
    version: '1.12.3',
    exit: 0,
    findings: [],
    line: 'velero backup create --from-schedule example-schedule',
    source: 'velero docs site/content/docs/v1.12/backup-reference.md:59',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV018', 'CMV027'],
    line: 'velero schedule create --use-owner-references-in-backup backup-name',
    source: 'velero docs site/content/docs/v1.12/backup-reference.md:71',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero backup create nginx-backup --selector app=nginx',
    source: 'velero docs site/content/docs/v1.12/contributions/minio.md:109',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: "velero backup create nginx-backup --selector 'backup notin (ignore)'",
    source: 'velero docs site/content/docs/v1.12/contributions/minio.md:115',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero schedule create nginx-daily --schedule="0 1 * * *" --selector app=nginx',
    source: 'velero docs site/content/docs/v1.12/contributions/minio.md:121',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero schedule create nginx-daily --schedule="@daily" --selector app=nginx',
    source: 'velero docs site/content/docs/v1.12/contributions/minio.md:127',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create nginx-backup --include-namespaces nginx-example',
    source: 'velero docs site/content/docs/v1.12/contributions/oracle-config.md:162',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create default-backup --include-namespaces namespace',
    source: 'velero docs site/content/docs/v1.12/contributions/tencent-config.md:102',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero schedule create schedule-name --schedule "0 7 * * *"',
    source: 'velero docs site/content/docs/v1.12/disaster-case.md:13',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create nginx-backup --include-namespaces nginx-example --csi-snapshot-timeout=20m',
    source: 'velero docs site/content/docs/v1.12/examples.md:53',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create full-cluster-backup --volume-snapshot-locations ebs-us-east-1,portworx-cloud',
    source: 'velero docs site/content/docs/v1.12/locations.md:69',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create full-cluster-backup',
    source: 'velero docs site/content/docs/v1.12/locations.md:76',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create full-cluster-alternate-location-backup --storage-location backups-secondary',
    source: 'velero docs site/content/docs/v1.12/locations.md:122',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create local-snapshot-backup --volume-snapshot-locations portworx-local',
    source: 'velero docs site/content/docs/v1.12/locations.md:148',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create cloud-snapshot-backup --volume-snapshot-locations portworx-cloud',
    source: 'velero docs site/content/docs/v1.12/locations.md:155',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create backup-name',
    source: 'velero docs site/content/docs/v1.12/migration-case.md:42',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create backup-name --include-namespaces namespace',
    source: 'velero docs site/content/docs/v1.12/resource-filtering.md:25',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV015', 'CMV040', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create backup-name --include-namespaces namespace1,namespace2',
    source: 'velero docs site/content/docs/v1.12/resource-filtering.md:31',
  },
  {
    version: '1.12.3',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --include-resources deployments',
    source: 'velero docs site/content/docs/v1.12/resource-filtering.md:41',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV015'],
    line: 'velero restore create backup-name --include-resources deployments,configmaps',
    source: 'velero docs site/content/docs/v1.12/resource-filtering.md:47',
  },
  {
    version: '1.12.3',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --include-resources deployments --include-namespaces namespace',
    source: 'velero docs site/content/docs/v1.12/resource-filtering.md:53',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV015', 'CMV041', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create backup-name --include-cluster-resources=false',
    source: 'velero docs site/content/docs/v1.12/resource-filtering.md:81',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV026', 'CMV027'],
    line: 'velero backup create backup-name --include-namespaces namespace --include-cluster-resources=true',
    source: 'velero docs site/content/docs/v1.12/resource-filtering.md:87',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero backup create backup-name --selector key=value',
    source: 'velero docs site/content/docs/v1.12/resource-filtering.md:95',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero backup create backup-name --selector "key notin (value)"',
    source: 'velero docs site/content/docs/v1.12/resource-filtering.md:99',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --include-cluster-scoped-resources="storageclasses,clusterroles"',
    source: 'velero docs site/content/docs/v1.12/resource-filtering.md:110',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create backup-name --include-cluster-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.12/resource-filtering.md:116',
  },
  {
    version: '1.12.3',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --include-namespace-scoped-resources="deployments.apps,configmaps"',
    source: 'velero docs site/content/docs/v1.12/resource-filtering.md:126',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --include-namespace-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.12/resource-filtering.md:132',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create backup-name --exclude-namespaces kube-system',
    source: 'velero docs site/content/docs/v1.12/resource-filtering.md:148',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV015', 'CMV040', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create backup-name --exclude-namespaces namespace1,namespace2',
    source: 'velero docs site/content/docs/v1.12/resource-filtering.md:154',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV025', 'CMV027'],
    line: 'velero backup create backup-name --exclude-resources secrets',
    source: 'velero docs site/content/docs/v1.12/resource-filtering.md:164',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV025', 'CMV027'],
    line: 'velero backup create backup-name --exclude-resources secrets,rolebindings',
    source: 'velero docs site/content/docs/v1.12/resource-filtering.md:170',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --exclude-cluster-scoped-resources="storageclasses,clusterroles"',
    source: 'velero docs site/content/docs/v1.12/resource-filtering.md:183',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV022', 'CMV027'],
    line: 'velero backup create backup-name --exclude-cluster-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.12/resource-filtering.md:189',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --exclude-namespace-scoped-resources="deployments.apps,configmaps"',
    source: 'velero docs site/content/docs/v1.12/resource-filtering.md:198',
  },
  {
    version: '1.12.3',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --exclude-namespace-scoped-resources="*"',
    source: 'velero docs site/content/docs/v1.12/resource-filtering.md:204',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV004', 'CMV027', 'CMV030'],
    line: 'velero backup create --resource-policies-configmap configmap-name',
    source: 'velero docs site/content/docs/v1.12/resource-filtering.md:223',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero backup create backup1',
    source: 'velero v1.18.1 pkg/cmd/cli/backup/create.go (--help example):54',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create nginx-backup --include-namespaces nginx',
    source:
      'velero v1.18.1 pkg/cmd/cli/backup/create.go (--help example):57; also Velero issue 3046 (velero backup create --help output)',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create backup2 --exclude-namespaces velero,default',
    source:
      'velero v1.18.1 pkg/cmd/cli/backup/create.go (--help example):60; also Velero issue 3046 (velero backup create --help output)',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup create --from-schedule daily-backup',
    source: 'velero v1.18.1 pkg/cmd/cli/backup/create.go (--help example):63',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero backup create backup3 --snapshot-volumes=false -o yaml',
    source: 'velero v1.18.1 pkg/cmd/cli/backup/create.go (--help example):66',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero backup create backup4 --wait',
    source: 'velero v1.18.1 pkg/cmd/cli/backup/create.go (--help example):69',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: 'velero restore create restore-1 --from-backup backup-1',
    source: 'velero v1.18.1 pkg/cmd/cli/restore/create.go (--help example):52',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: 'velero restore create --from-backup backup-1',
    source: 'velero v1.18.1 pkg/cmd/cli/restore/create.go (--help example):55',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: 'velero restore create --from-schedule schedule-1',
    source: 'velero v1.18.1 pkg/cmd/cli/restore/create.go (--help example):58',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048', 'CMV050'],
    line: 'velero restore create --from-schedule schedule-1 --allow-partially-failed',
    source: 'velero v1.18.1 pkg/cmd/cli/restore/create.go (--help example):61',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero restore create --from-backup backup-2 --include-resources persistentvolumeclaims,persistentvolumes',
    source: 'velero v1.18.1 pkg/cmd/cli/restore/create.go (--help example):64',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero create schedule NAME --schedule="0 */6 * * *"',
    source: 'velero v1.18.1 pkg/cmd/cli/schedule/create.go (--help example):58',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero create schedule NAME --schedule="@every 6h"',
    source: 'velero v1.18.1 pkg/cmd/cli/schedule/create.go (--help example):61',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero create schedule NAME --schedule="@every 24h" --include-namespaces web',
    source: 'velero v1.18.1 pkg/cmd/cli/schedule/create.go (--help example):64',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero create schedule NAME --schedule="@every 168h" --ttl 2160h0m0s',
    source: 'velero v1.18.1 pkg/cmd/cli/schedule/create.go (--help example):67',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --provider aws --plugins velero/velero-plugin-for-aws:v1.0.0 --bucket backups --secret-file ./aws-iam-creds --backup-location-config region=us-east-2 --snapshot-location-config region=us-east-2',
    source: 'velero v1.18.1 pkg/cmd/cli/install/install.go (--help example):374',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --provider gcp --plugins velero/velero-plugin-for-gcp:v1.0.0 --bucket gcp-backups --secret-file ./gcp-creds.json --wait',
    source: 'velero v1.18.1 pkg/cmd/cli/install/install.go (--help example):378',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --provider aws --plugins velero/velero-plugin-for-aws:v1.0.0 --bucket backups --backup-location-config region=us-west-2 --snapshot-location-config region=us-west-2 --no-secret --pod-annotations iam.amazonaws.com/role=arn:aws:iam::aws-account-id:role/velero-role-name',
    source: 'velero v1.18.1 pkg/cmd/cli/install/install.go (--help example):380',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --provider gcp --plugins velero/velero-plugin-for-gcp:v1.0.0 --bucket gcp-backups --secret-file ./gcp-creds.json --velero-pod-cpu-request=1000m --velero-pod-cpu-limit=5000m --velero-pod-mem-request=512Mi --velero-pod-mem-limit=1024Mi',
    source: 'velero v1.18.1 pkg/cmd/cli/install/install.go (--help example):382',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --provider gcp --plugins velero/velero-plugin-for-gcp:v1.0.0 --bucket gcp-backups --secret-file ./gcp-creds.json --node-agent-pod-cpu-request=1000m --node-agent-pod-cpu-limit=5000m --node-agent-pod-mem-request=512Mi --node-agent-pod-mem-limit=1024Mi',
    source: 'velero v1.18.1 pkg/cmd/cli/install/install.go (--help example):384',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create backup1',
    source: 'velero v1.16.2 pkg/cmd/cli/backup/create.go (--help example):54',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create nginx-backup --include-namespaces nginx',
    source: 'velero v1.16.2 pkg/cmd/cli/backup/create.go (--help example):57',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create backup2 --exclude-namespaces velero,default',
    source: 'velero v1.16.2 pkg/cmd/cli/backup/create.go (--help example):60',
  },
  {
    version: '1.16.2',
    exit: 0,
    findings: [],
    line: 'velero backup create --from-schedule daily-backup',
    source: 'velero v1.16.2 pkg/cmd/cli/backup/create.go (--help example):63',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create backup3 --snapshot-volumes=false -o yaml',
    source: 'velero v1.16.2 pkg/cmd/cli/backup/create.go (--help example):66',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create backup4 --wait',
    source: 'velero v1.16.2 pkg/cmd/cli/backup/create.go (--help example):69',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero create schedule NAME --schedule="0 */6 * * *"',
    source: 'velero v1.16.2 pkg/cmd/cli/schedule/create.go (--help example):58',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero create schedule NAME --schedule="@every 6h"',
    source: 'velero v1.16.2 pkg/cmd/cli/schedule/create.go (--help example):61',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero create schedule NAME --schedule="@every 24h" --include-namespaces web',
    source: 'velero v1.16.2 pkg/cmd/cli/schedule/create.go (--help example):64',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero create schedule NAME --schedule="@every 168h" --ttl 2160h0m0s',
    source: 'velero v1.16.2 pkg/cmd/cli/schedule/create.go (--help example):67',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create backup1',
    source: 'velero v1.14.1 pkg/cmd/cli/backup/create.go (--help example):54',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create nginx-backup --include-namespaces nginx',
    source: 'velero v1.14.1 pkg/cmd/cli/backup/create.go (--help example):57',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create backup2 --exclude-namespaces velero,default',
    source: 'velero v1.14.1 pkg/cmd/cli/backup/create.go (--help example):60',
  },
  {
    version: '1.14.1',
    exit: 0,
    findings: [],
    line: 'velero backup create --from-schedule daily-backup',
    source: 'velero v1.14.1 pkg/cmd/cli/backup/create.go (--help example):63',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create backup3 --snapshot-volumes=false -o yaml',
    source: 'velero v1.14.1 pkg/cmd/cli/backup/create.go (--help example):66',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create backup4 --wait',
    source: 'velero v1.14.1 pkg/cmd/cli/backup/create.go (--help example):69',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero create schedule NAME --schedule="0 */6 * * *"',
    source: 'velero v1.14.1 pkg/cmd/cli/schedule/create.go (--help example):58',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero create schedule NAME --schedule="@every 6h"',
    source: 'velero v1.14.1 pkg/cmd/cli/schedule/create.go (--help example):61',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero create schedule NAME --schedule="@every 24h" --include-namespaces web',
    source: 'velero v1.14.1 pkg/cmd/cli/schedule/create.go (--help example):64',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero create schedule NAME --schedule="@every 168h" --ttl 2160h0m0s',
    source: 'velero v1.14.1 pkg/cmd/cli/schedule/create.go (--help example):67',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero schedule create website --schedule "0 3 * * 1" --ttl 1440h0m0s --include-namespaces default --storage-location azure --snapshot-volumes --volume-snapshot-locations default',
    source:
      'public script worldwideward/velero-helpers schedules/weekly-backup.sh (shell variables substituted with the values the script sets)',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero schedule create daily-home --schedule="0 3 * * *" --include-namespaces "home-automation,media,apps"',
    source: 'public script pbozeman/home-cloud helmfile/scripts/create-daily-schedule.sh (variables substituted)',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero create schedule daily-backup --schedule="0 1 * * *"',
    source: 'public script (skia infra cluster setup script, found by code search)',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero create --namespace velero backup backup-a9fdb9c7 --exclude-namespaces default,kube-node-lease,kube-public,kube-system,upgrade,velero,velero-repo-test --default-volumes-to-fs-backup --wait',
    source: 'Velero PR 5759 (e2e log, backup name shortened)',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: 'velero create --namespace velero restore restore-a9fdb9c7 --from-backup backup-a9fdb9c7 --wait',
    source: 'Velero PR 5759 (e2e log, names shortened)',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV017', 'CMV047', 'CMV048'],
    line: 'velero restore create --from-backup "${BACKUP_NAME}" --exclude-resources clusterservicebrokers.servicecatalog.k8s.io,clusterserviceclasses.servicecatalog.k8s.io,clusterserviceplans.servicecatalog.k8s.io,servicebindings.servicecatalog.k8s.io,servicebrokers.servicecatalog.k8s.io,serviceclasses.servicecatalog.k8s.io,serviceinstances.servicecatalog.k8s.io,serviceplans.servicecatalog.k8s.io --restore-volumes --wait',
    source: 'Velero issue 2374',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: 'velero restore create myrestore --from-schedule myschedule',
    source: 'public docs DoD-Platform-One/velero docs/Backup-and-restore/scheduled-backup.md',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero create schedule mydailybackup --schedule="@every 24h" --include-namespaces web',
    source: 'public docs DoD-Platform-One/velero docs/Backup-and-restore/scheduled-backup.md (placeholder named)',
  },
  // Gathered for issue 18's unseen re-run: lines from Velero issues and pull requests, other projects' docs and
  // scripts, and Velero doc pages not read before. Each verdict was set from Velero's code before the tool was run;
  // where the tool differed, the source decided (see the issue 18 report). Versions are those the source targets or
  // the newest patch of the minor whose docs hold the line.
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup create services-only --include-resources services',
    source: 'Velero issue 1628 (comment by skriss)',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup create labeled-service-only --include-resources services --selector foo=bar',
    source: 'Velero issue 1628 (comment by skriss)',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup create foo --include-namespaces abc --include-resources persistentvolumeclaims',
    source: 'Velero issue 1628 (comment by skriss)',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup create foo --include-namespaces abc --include-resources persistentvolumeclaims,services',
    source: 'Velero issue 1628 (comment by skriss)',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup create foo --include-resources persistentvolumeclaims',
    source: 'Velero issue 1628 (comment by skriss)',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create registry-backup --include-namespaces registry',
    source: 'SUSE/suse-best-practices PR 139 adoc/Private-Registry-Administration.adoc',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: 'velero restore create --from-backup backup-name --namespace-mappings old-ns:new-ns',
    source: 'Velero issue 1592 (comment by skriss, placeholders named)',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV040', 'CMV047', 'CMV048'],
    line: 'velero restore create restore-one-toanother-namespace-lrc-mnrf-fsims-dev --from-backup whole-cluster-backup-26092019112127 --include-namespaces lrc-mnrf-fsims-dev --namespace-mappings lrc-mnrf-fsims-dev:lrc-mnrf-fsims-dev-restore',
    source: 'Velero issue 1915',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create backup-001 --include-namespaces ns-1,ns-2',
    source: 'vmware-tanzu/velero-plugin-for-vsphere PR 184',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV040', 'CMV047', 'CMV048'],
    line: 'velero restore create --from-backup backup-001 --exclude-namespaces ns-2 --namespace-mappings ns-1:ns-3',
    source: 'vmware-tanzu/velero-plugin-for-vsphere PR 184',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: 'velero restore create --from-backup backup-name --restore-volumes=true --namespace-mappings source-ns:destination-ns',
    source: 'openebs/velero-plugin PR 72 README.md (placeholders named)',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: 'velero create -n velero restore test4 --from-backup d0 --namespace-mappings nginx-exmaple:ns2 --wait',
    source: 'Velero issue 5375',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: 'velero restore create --from-backup test-backup3 --namespace-mappings mlflow-feature-hotfix:something-else',
    source: 'Velero issue 3467',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create backup-0 --include-namespaces mysql,nginx',
    source: 'Velero issue 1888',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create spring-petclinic-1 --include-namespaces=spring-petclinic --snapshot-volumes --volume-snapshot-locations vsl-vsphere',
    source: 'public script techgnosis/tanzu-gitops velero/create-backup.sh ($1 named)',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero create schedule hourly --schedule="@every 1h" --ttl 24h0m0s',
    source: 'public docs bruno-novo-it/devops-toolbox velero/README.md',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero create schedule daily --schedule="@every 24h" --ttl 168h0m0s',
    source: 'public docs bruno-novo-it/devops-toolbox velero/README.md',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero create schedule backup-tutorial --schedule="*/30 * * * *" --include-namespaces backup-tutorial --ttl 48h0m0s',
    source: 'public docs bruno-novo-it/devops-toolbox velero/README.md',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --provider aws --plugins velero/velero-plugin-for-aws:v1.0.0 --bucket kubernetes-block --use-volume-snapshots=false --backup-location-config region=minio,s3ForcePathStyle="true",s3Url=http://nas.fnptr.net:9000 --secret-file secrets/minio',
    source: 'public script lambda-funcptr/homelab velero/install.sh',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV064', 'CMV065'],
    line: 'velero plugin add openebs/velero-plugin:1.9.0',
    source: 'public script lambda-funcptr/homelab velero/install.sh',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027', 'CMV031'],
    line: 'velero backup create --include-namespaces="nginx*" test',
    source: 'Velero issue 4407',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create --include-namespaces=kube-public,invalid invalid-tst',
    source: 'Velero PR 7965',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV013', 'CMV020', 'CMV027'],
    line: 'velero backup create backup-3 --include-namespaces /',
    source: 'Velero issue 2690',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV003', 'CMV066'],
    line: 'velero install --provider azure --bucket STORORAGEACCOUNTCONTAINERNAME --secret-file ARCHIVOLLAVES --backup-location-config STORAGERESOURCEGROUP,storageAccount=STORORAGEACCOUNTNAME --plugins velero/velero-plugin-for-microsoft-azure:latest',
    source: 'public notes boya678/velero comandos.txt',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: 'velero restore create --from-backup NOMBREDELBACKUP',
    source: 'public notes boya678/velero comandos.txt',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero backup create test-backup',
    source: 'velero docs site/content/docs/v1.18/how-velero-works.md:34',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create test-backup',
    source: 'velero docs site/content/docs/v1.15/how-velero-works.md:34',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create test-backup',
    source: 'velero docs site/content/docs/v1.12/how-velero-works.md:34',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV064', 'CMV065'],
    line: 'velero plugin add velero/velero-plugin-for-aws:v1.0.0',
    source: 'velero docs site/content/docs/v1.18/overview-plugins.md:12',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV014'],
    line: 'velero backup create --from-schedule backup-pcr-dev --default-volumes-to-fs-backup=false --snapshot-volumes=false -n ops-velero',
    source: 'Velero issue 7550',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create test-03 --include-namespaces default --snapshot-volumes --wait',
    source: 'Velero issue 5533',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create my-backup --include-namespaces default',
    source: 'chainguard-images/images PR 2375 images/velero/tests/docker-test.sh',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV001', 'CMV018', 'CMV021', 'CMV027'],
    line: 'velero create schedule NAME --schedule="@every 1d" --included-namespaces web',
    source: 'Velero issue 1623',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV018', 'CMV027'],
    line: 'velero schedule create example-schedule --schedule="CRON_TZ=America/New_York 0 3 * * *"',
    source: 'Velero issue 8224 (reported on v1.14.1)',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create restore-name --from-backup backup-name --parallel-files-download 4 --wait',
    source: 'velero docs site/content/docs/v1.14/restore-reference.md:285',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create backup-name --include-namespaces namespace --parallel-files-upload 4 --wait',
    source: 'velero docs site/content/docs/v1.13/backup-reference.md:16',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create tenant-ns-backups --exclude-namespaces trident,velero,blossom-analytics-system,blossom-system,certify-system-ns,default,ingress-nginx,jenkins-master-ns,jenkins-system,kube-public,jenkins-upgrade-ns,kube-node-lease,kube-system,kube-public,logging,monitoring,nvidia-device-plugin --exclude-resources Pod,Event',
    source: 'Velero issue 7428',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV010'],
    line: 'velero restore create 11 --from-backup 66dasc --include-resources=PersistentVolumeClaim,PersistentVolum',
    source: 'Velero issue 8483',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: 'velero restore create --from-backup mendix-velero-bkp --status-include-resources=storageinstances.privatecloud.mendix.com,storageplans.privatecloud.mendix.com,builds.privatecloud.mendix.com,mendixapps.privatecloud.mendix.com',
    source: 'mendix/docs PR 5149 content/en/docs/developerportal/deploy/private-cloud/private-cloud-velero.md',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create full-cluster-0 --include-cluster-resources=true --exclude-namespaces backup-system',
    source: 'clastix/kamaji issue 270',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV026', 'CMV027'],
    line: 'velero backup create default-ns-backup-20240101000000 --include-cluster-resources=true --include-namespaces default --kubeconfig=/root/.kube/config',
    source: 'public script bwcxyk/shell_script k8s/velero-k8s-backup.sh (loop variables named)',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create adhoc-home-20240101000000 --include-namespaces home-automation',
    source: 'public script pbozeman/home-cloud helmfile/scripts/adhock-home-backup.sh (date named)',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV001', 'CMV066'],
    line: 'velero install --provider aws --plugins velero/velero-plugin-for-aws:v1.8.1 --bucket rancher-k8s-backup --secret-file ./credentials-minio --use-volume-snapshots=false --use-restic --backup-location-config region=minio,s3ForcePathStyle="true",s3Url=http://minio-host:9000',
    source: 'Velero issue 7123 (reported on v1.12.1; host placeholder named)',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV001', 'CMV066'],
    line: 'velero install --provider aws --plugins=velero/velero-plugin-for-aws --bucket velero --secret-file ./credentials-velero --use-volume-snapshots=false --use-restic --backup-location-config region=minio,s3ForcePathStyle="true",s3Url=http://s3-host:9000',
    source: 'Velero issue 6960 (reported on v1.12.0; host placeholder named)',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV003', 'CMV066'],
    line: 'velero install --provider aws --bucket velero --secret-file /home/pawan/velero/credentials-minio --plugins velero/velero-plugin-for-aws:v1.0.0-beta.1 --backup-location-config region=minio,s3ForcePathStyle="true",s3Url=http://minio.velero.svc:9000 --use-volume-snapshots=true --use-node-agent --uploader-type restic',
    source:
      'openebs/website PR 459 docs/main/user-guides/local-storage-user-guide/local-pv-zfs/advanced-operations/zfs-backup-restore.md',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV001', 'CMV020', 'CMV027'],
    line: 'velero backup create tst-gonzalo-2020-07-07-12-00-00 --default-volumes-to-restic --ttl 1h --include-namespaces tst-gonzalo',
    source: 'Velero issue 2695 (date named)',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV001', 'CMV066'],
    line: 'velero install --provider velero.io/aws --bucket psitesclusterbackup --plugins velero/velero-plugin-for-aws:v1.0.0,digitalocean/velero-plugin:v1.0.0 --backup-location-config s3Url=https://sfo2.digitaloceanspaces.com,region=sf02 --secret-file=./examples/cloud-credentials --use-volume-snapshots=true --use-restic --default-volumes-to-restic --restic-pod-cpu-request 100m',
    source: 'Velero issue 2752',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV065'],
    line: 'velero plugin remove registry-image-version',
    source: 'velero docs site/content/docs/v1.18/overview-plugins.md:14',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create backup-name --include-namespaces namespace-name',
    source: 'public docs bruno-novo-it/devops-toolbox velero/README.md (placeholders named)',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV040', 'CMV047', 'CMV048'],
    line: 'velero restore create --from-backup backup-name --include-namespaces namespace-name',
    source: 'public docs bruno-novo-it/devops-toolbox velero/README.md (placeholders named)',
  },
  {
    version: '1.14.1',
    exit: 0,
    findings: [],
    line: 'velero backup create services-only --include-resources services',
    source: 'Velero issue 1628 (comment by skriss)',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create registry-backup --include-namespaces registry',
    source: 'SUSE/suse-best-practices PR 139 adoc/Private-Registry-Administration.adoc',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create registry-backup --include-namespaces registry',
    source: 'SUSE/suse-best-practices PR 139 adoc/Private-Registry-Administration.adoc',
  },
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero create schedule hourly --schedule="@every 1h" --ttl 24h0m0s',
    source: 'public docs bruno-novo-it/devops-toolbox velero/README.md',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV020', 'CMV027', 'CMV031'],
    line: 'velero backup create --include-namespaces="nginx*" test',
    source: 'Velero issue 4407',
  },
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create test-backup',
    source: 'velero docs site/content/docs/v1.13/how-velero-works.md:34',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create test-backup',
    source: 'velero docs site/content/docs/v1.14/how-velero-works.md:34',
  },
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create test-backup',
    source: 'velero docs site/content/docs/v1.16/how-velero-works.md:34',
  },
  {
    version: '1.17.2',
    exit: 1,
    findings: ['CMV021', 'CMV027'],
    line: 'velero backup create test-backup',
    source: 'velero docs site/content/docs/v1.17/how-velero-works.md:34',
  },
  {
    version: '1.14.1',
    exit: 0,
    findings: [],
    line: 'velero backup create heimdall-backup --from-schedule heimdall-daily-aurora-backup',
    source: 'Velero issue 7734',
  },
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create media6 --snapshot-move-data',
    source: 'Velero issue 8092',
  },
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV020', 'CMV027', 'CMV028'],
    line: 'velero schedule create test-schedule-kamada-20230914102900 --schedule="*/3 * * * *" --snapshot-move-data --selector velerobackup=enable --namespace kube-storage --include-namespaces kamap',
    source: 'Velero issue 6820 (reported on v1.12)',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV001', 'CMV066'],
    line: 'velero install --provider aws --bucket velero --secret-file /home/pawan/velero/credentials-minio --plugins velero/velero-plugin-for-aws:v1.0.0-beta.1 --backup-location-config region=minio,s3ForcePathStyle="true",s3Url=http://minio.velero.svc:9000 --use-volume-snapshots=true --use-restic',
    source: 'openebs/website PR 459 (the line it replaces)',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV001', 'CMV017', 'CMV066'],
    line: 'velero install --provider aws --plugins velero/velero-plugin-for-aws:v1.1.0 --bucket $VELERO_BUCKET --backup-location-config region=$AWS_REGION --snapshot-location-config region=$AWS_REGION --use-restic --default-volumes-to-restic --secret-file ./velero-credentials',
    source: 'Velero issue 2695',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --provider aws --plugins velero/velero-plugin-for-aws:v1.0.0 --bucket velero --secret-file ./credentials-velero --use-volume-snapshots=false --backup-location-config region=minio,s3ForcePathStyle="true",s3Url=http://minio.velero.svc:9000',
    source: 'public script iaoiui/velero_with_minio 01_install_velero_for_minio.sh',
  },
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create pruebas2 --include-namespaces default --wait',
    source: 'public notes Tehedor/wNr_k8s_Proyect backup_velero/velero_pruebas/velero_backups.md',
  },
  // Unseen set 2 of issue 18: gathered and judged from Velero's code before the tool was run on them (verdicts
  // kept where the tool disagreed; the comment above an entry is its reasoning from Velero's code; entries without
  // one are commands the rules do not model (get, describe, logs, delete, locations, client config...), valid as
  // written: nothing to report).
  {
    version: '1.12.3',
    exit: 0,
    findings: [],
    line: 'velero backup get nginx-hook-test',
    source: 'velero docs site/content/docs/v1.12/backup-hooks.md:74',
  },
  {
    version: '1.13.2',
    exit: 0,
    findings: [],
    line: 'velero backup logs nginx-hook-test | grep hookCommand',
    source: 'velero docs site/content/docs/v1.13/backup-hooks.md:75',
  },
  // cobra handles --help before Args/Complete/Validate run: help is printed, exit 0, no schedule is created, so
  // neither the missing name nor the missing --schedule is an error
  {
    version: '1.14.1',
    exit: 0,
    findings: [],
    line: 'velero schedule create --help',
    source: 'velero docs site/content/docs/v1.14/backup-reference.md:58',
  },
  {
    version: '1.15.2',
    exit: 0,
    findings: [],
    line: 'velero restore get',
    source: 'velero docs site/content/docs/v1.15/contributions/minio.md:166',
  },
  {
    version: '1.16.2',
    exit: 0,
    findings: [],
    line: 'velero restore describe restore-name',
    source: 'velero docs site/content/docs/v1.16/contributions/minio.md:183 (<RESTORE_NAME> named)',
  },
  {
    version: '1.17.2',
    exit: 0,
    findings: [],
    line: 'velero backup delete backup-name',
    source: 'velero docs site/content/docs/v1.17/contributions/minio.md:194 (BACKUP_NAME named)',
  },
  {
    version: '1.12.3',
    exit: 0,
    findings: [],
    line: 'velero repo get',
    source: 'velero docs site/content/docs/v1.12/csi-snapshot-data-movement.md:279',
  },
  {
    version: '1.13.2',
    exit: 0,
    findings: [],
    line: 'velero repo get repo-name -o yaml',
    source: 'velero docs site/content/docs/v1.13/csi-snapshot-data-movement.md:300 (REPO_NAME named)',
  },
  {
    version: '1.14.1',
    exit: 0,
    findings: [],
    line: 'velero backup logs backup-name',
    source: 'velero docs site/content/docs/v1.14/csi-snapshot-data-movement.md:312 (BACKUP_NAME named)',
  },
  {
    version: '1.15.2',
    exit: 0,
    findings: [],
    line: 'velero restore logs restore-name',
    source: 'velero docs site/content/docs/v1.15/csi-snapshot-data-movement.md:189 (RESTORE_NAME named)',
  },
  {
    version: '1.12.3',
    exit: 0,
    findings: [],
    line: 'velero client config set features=EnableCSI',
    source: 'velero docs site/content/docs/v1.12/customize-installation.md:62',
  },
  {
    version: '1.16.2',
    exit: 0,
    findings: [],
    line: 'velero client config set colorized=false',
    source: 'velero docs site/content/docs/v1.16/customize-installation.md:89',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero client config set namespace=namespace-value',
    source: 'velero docs site/content/docs/v1.18/namespace.md:17 (<NAMESPACE_VALUE> named)',
  },
  {
    version: '1.17.2',
    exit: 0,
    findings: [],
    line: 'velero backup-location create backups-primary --provider aws --bucket velero-backups --config region=us-east-1 --default',
    source: 'velero docs site/content/docs/v1.17/customize-installation.md:254',
  },
  {
    version: '1.12.3',
    exit: 0,
    findings: [],
    line: 'velero completion bash >/etc/bash_completion.d/velero',
    source: 'velero docs site/content/docs/v1.12/customize-installation.md:282',
  },
  {
    version: '1.13.2',
    exit: 0,
    findings: [],
    line: 'velero snapshot-location create ebs-us-east-1 --provider aws --config region=us-east-1',
    source: 'velero docs site/content/docs/v1.13/locations.md:57',
  },
  {
    version: '1.14.1',
    exit: 0,
    findings: [],
    line: 'velero backup-location set backups-secondary --default',
    source: 'velero docs site/content/docs/v1.14/locations.md:108',
  },
  {
    version: '1.15.2',
    exit: 0,
    findings: [],
    line: 'velero backup-location create bsl-name --provider provider --bucket bucket --config region=region --credential=secret-name=key-within-secret',
    source: 'velero docs site/content/docs/v1.15/locations.md:213 (placeholders named)',
  },
  {
    version: '1.16.2',
    exit: 0,
    findings: [],
    line: 'velero backup-location get',
    source: 'velero docs site/content/docs/v1.16/locations.md:224',
  },
  {
    version: '1.17.2',
    exit: 0,
    findings: [],
    line: 'velero snapshot-location set vsl-name --credential=secret-name=key-within-secret',
    source: 'velero docs site/content/docs/v1.17/locations.md:295 (placeholders named)',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup-location create bsl --provider aws --bucket velero-migration-demo --config region=us-east-2 --access-mode=ReadOnly',
    source: 'velero docs site/content/docs/v1.18/migration-case.md:58',
  },
  {
    version: '1.12.3',
    exit: 0,
    findings: [],
    line: 'velero backup describe my-backup --cacert path-to-ca-bundle',
    source: 'velero docs site/content/docs/v1.12/self-signed-certificates.md:33 (<PATH_TO_CA_BUNDLE> named)',
  },
  {
    version: '1.13.2',
    exit: 0,
    findings: [],
    line: 'velero uninstall',
    source: 'velero docs site/content/docs/v1.13/uninstalling.md:9',
  },
  {
    version: '1.14.1',
    exit: 0,
    findings: [],
    line: 'velero version --client-only',
    source: 'velero docs site/content/docs/v1.14/upgrade-to-1.14.md:31',
  },
  {
    version: '1.15.2',
    exit: 0,
    findings: [],
    line: 'velero backup-location set backups-primary --default=false',
    source: 'velero docs site/content/docs/v1.15/customize-installation.md:210',
  },
  {
    version: '1.17.2',
    exit: 0,
    findings: [],
    line: 'velero backup describe backup-name --details',
    source: 'velero docs site/content/docs/v1.17/file-system-backup.md:504 (BACKUP_NAME named)',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup download my-backup',
    source: 'velero docs site/content/docs/v1.18/self-signed-certificates.md:80',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero server --default-backup-storage-location backups-primary',
    source: 'velero docs site/content/docs/v1.18/customize-installation.md:282',
  },
  // unfiltered backup before 1.17 (no CMV021): Orders/Challenges/CertificateRequests not excluded
  {
    version: '1.15.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create backup-name --default-volumes-to-fs-backup',
    source: 'velero docs site/content/docs/v1.15/file-system-backup.md:237 (BACKUP_NAME named, OTHER_OPTIONS dropped)',
  },
  // unfiltered backup on 1.16: only the ephemeral kinds
  {
    version: '1.16.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create name --snapshot-move-data --data-mover data-mover-name',
    source:
      'velero docs site/content/docs/v1.16/csi-snapshot-data-movement.md:108 (placeholders named, OPTIONS... dropped)',
  },
  // install: --features is install's own string flag; EnableAPIGroupVersions absent (info only). Install's
  // required flags are not modelled by any rule (as for the corpus fragments)
  {
    version: '1.12.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --features=EnableCSI --plugins=object-storage-plugin,velero/velero-plugin-for-csi:v0.6.0',
    source:
      'velero docs site/content/docs/v1.12/csi-snapshot-data-movement.md:173 (placeholder named, trailing ... dropped)',
  },
  // install flag exists on 1.17; trailing comment; info only
  {
    version: '1.17.2',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --repo-maintenance-job-configmap repo-maintenance-job-config # ... other flags',
    source: 'velero docs site/content/docs/v1.17/customize-installation.md:141',
  },
  // namespace filter includes cert-manager, cluster resources on (old engine), all three ephemeral kinds excluded:
  // nothing to report
  {
    version: '1.12.3',
    exit: 0,
    findings: [],
    line: 'velero backup create full-backup --include-namespaces cert-manager,default --include-cluster-resources=true --exclude-resources challenges.acme.cert-manager.io,orders.acme.cert-manager.io,certificaterequests.cert-manager.io',
    source:
      'cert-manager/website content/docs/devops-tips/backup.md (https://cert-manager.io/docs/devops-tips/backup/, "tested with velero v1.12.2")',
  },
  // same on 1.18.3: old-style filters so no scoped auto-exclude problem (CMV021 does not apply); explicit
  // namespace list, so the 1.18.1 wildcard bug does not apply either
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup create full-backup --include-namespaces cert-manager,default --include-cluster-resources=true --exclude-resources challenges.acme.cert-manager.io,orders.acme.cert-manager.io,certificaterequests.cert-manager.io',
    source:
      'cert-manager/website content/docs/devops-tips/backup.md (https://cert-manager.io/docs/devops-tips/backup/, "tested with velero v1.12.2")',
  },
  // restore does not exclude Orders/Challenges/CertificateRequests (CMV047, the restore line alone cannot know the
  // backup left them out); Certificates excluded so no shim finding (no CMV048); before 1.18 RBAC after pods
  // (CMV061 info)
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV047', 'CMV061'],
    line: 'velero restore create --from-backup full-backup --exclude-resources certificates.cert-manager.io',
    source:
      'cert-manager/website content/docs/devops-tips/backup.md (https://cert-manager.io/docs/devops-tips/backup/, "tested with velero v1.12.2")',
  },
  // as on 1.12 but RBAC is in the 1.18 priorities (no CMV061)
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047'],
    line: 'velero restore create --from-backup full-backup --exclude-resources certificates.cert-manager.io',
    source:
      'cert-manager/website content/docs/devops-tips/backup.md (https://cert-manager.io/docs/devops-tips/backup/, "tested with velero v1.12.2")',
  },
  // get has backup-locations with alias backup-location (pkg/cmd/cli/get/get.go)
  {
    version: '1.12.3',
    exit: 0,
    findings: [],
    line: 'velero get backup-location',
    source:
      'ruzickap/ruzickap.github.io _posts/2023/2023-03-20-velero-and-cert-manager.md (Velero Helm chart 5.1.0 = Velero v1.12.0)',
  },
  // --from-schedule copies the template; --labels applies but --ttl is silently ignored (CMV014 warning)
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV014'],
    line: 'velero backup create --labels letsencrypt=production --ttl 2160h0m0s --from-schedule velero-weekly-backup-cert-manager',
    source:
      'ruzickap/ruzickap.github.io _posts/2023/2023-03-20-velero-and-cert-manager.md (Velero Helm chart 5.1.0 = Velero v1.12.0)',
  },
  {
    version: '1.12.3',
    exit: 0,
    findings: [],
    line: 'velero backup describe --selector letsencrypt=production --details',
    source:
      'ruzickap/ruzickap.github.io _posts/2023/2023-03-20-velero-and-cert-manager.md (Velero Helm chart 5.1.0 = Velero v1.12.0)',
  },
  // restore from schedule with nothing excluded: ephemeral kinds (CMV047), shim Certificates with Ingresses
  // (CMV048 info), pre-1.18 RBAC order (CMV061 info); not --allow-partially-failed so no CMV050
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create --from-schedule velero-weekly-backup-cert-manager --labels letsencrypt=production --wait',
    source:
      'ruzickap/ruzickap.github.io _posts/2023/2023-03-20-velero-and-cert-manager.md (Velero Helm chart 5.1.0 = Velero v1.12.0)',
  },
  {
    version: '1.12.3',
    exit: 0,
    findings: [],
    line: 'velero restore describe --selector letsencrypt=production --details',
    source:
      'ruzickap/ruzickap.github.io _posts/2023/2023-03-20-velero-and-cert-manager.md (Velero Helm chart 5.1.0 = Velero v1.12.0)',
  },
  // allowlist of built-in namespaced types, no cert-manager type: the backup holds no cert-manager object, so no
  // cert-manager hazard (issue 18 class 2); built-in names resolve (class 1)
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup create config-only --include-resources configmaps,secrets,serviceaccounts --include-namespaces production',
    source:
      "OneUptime blog post 'How to Configure Velero Backup Include and Exclude Resource Filters' (nawazdhandala; OneUptime/blog, code search id 26309072203; no Velero version named, judged on the newest)",
  },
  // old-style exclude without namespace filter: cluster resources collected (old engine, so no CMV021); ephemeral
  // kinds not excluded
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create no-pods-events --exclude-resources pods,events',
    source:
      "OneUptime blog post 'How to Configure Velero Backup Include and Exclude Resource Filters' (nawazdhandala; OneUptime/blog, code search id 26309072203; no Velero version named, judged on the newest)",
  },
  // allowlist without cert-manager types: nothing at stake
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup create stateful-only --include-resources statefulsets,persistentvolumeclaims,persistentvolumes',
    source:
      "OneUptime blog post 'How to Configure Velero Backup Include and Exclude Resource Filters' (nawazdhandala; OneUptime/blog, code search id 26309072203; no Velero version named, judged on the newest)",
  },
  // allowlist without cert-manager types: the namespace filter and the selector drop no cert-manager object (class
  // 2)
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup create critical-stateful --include-namespaces production,database --include-resources statefulsets,persistentvolumeclaims --selector tier=critical',
    source:
      "OneUptime blog post 'How to Configure Velero Backup Include and Exclude Resource Filters' (nawazdhandala; OneUptime/blog, code search id 26309072203; no Velero version named, judged on the newest)",
  },
  // namespace exclude without include-cluster-resources (CMV020) and no ephemeral exclusion (CMV027). The selector
  // is purely negative: backup!=exclude matches every object without that label, so unlabelled Secrets, CRDs and
  // ClusterIssuers are kept: no CMV028
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: "velero backup create production-workloads --exclude-namespaces kube-system,kube-public,velero --exclude-resources events,pods --selector 'backup!=exclude'",
    source:
      "OneUptime blog post 'How to Configure Velero Backup Include and Exclude Resource Filters' (nawazdhandala; OneUptime/blog, code search id 26309072203; no Velero version named, judged on the newest)",
  },
  // the flag is --resource-policies-configmap: pflag fails with unknown flag --resource-policy-configmap (CMV001);
  // the backup as written is unfiltered on 1.18 (CMV021, CMV027, reported as the corpus does for rejected lines)
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV001', 'CMV021', 'CMV027'],
    line: 'velero backup create with-policy --resource-policy-configmap velero-resource-policy',
    source:
      "OneUptime blog post 'How to Configure Velero Backup Include and Exclude Resource Filters' (nawazdhandala; OneUptime/blog, code search id 26309072203; no Velero version named, judged on the newest)",
  },
  // *.events.k8s.io is a valid glob (includes_excludes matches globs; ValidateIncludesExcludes rejects only a lone
  // *): no CMV010/CMV013; namespace exclude without cluster resources (CMV020); ephemeral kinds kept (CMV027)
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: "velero backup create no-temp --exclude-resources 'events,*.events.k8s.io,backups.velero.io,restores.velero.io' --exclude-namespaces 'kube-system,kube-public,kube-node-lease'",
    source:
      "OneUptime blog post 'How to Configure Velero Backup Include and Exclude Resource Filters' (nawazdhandala; OneUptime/blog, code search id 26309072203; no Velero version named, judged on the newest)",
  },
  // backup create has no --dry-run (unknown flag, CMV001; -o yaml alone is the way); namespace filter without
  // cluster resources (CMV020), ephemeral (CMV027), positive selector filters Secrets/CRDs/ClusterIssuers (CMV028)
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV001', 'CMV020', 'CMV027', 'CMV028'],
    line: 'velero backup create test-filter --include-namespaces production --exclude-resources events,pods --selector tier=critical --dry-run -o yaml',
    source:
      "OneUptime blog post 'How to Configure Velero Backup Include and Exclude Resource Filters' (nawazdhandala; OneUptime/blog, code search id 26309072203; no Velero version named, judged on the newest)",
  },
  // namespace filter (CMV020), secrets excluded (CMV025), ephemeral (CMV027), positive selector (CMV028); trailing
  // comment
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV025', 'CMV027', 'CMV028'],
    line: 'velero backup create precedence-test --include-namespaces production --exclude-resources secrets --selector tier=critical  # Even critical secrets are excluded',
    source:
      "OneUptime blog post 'How to Configure Velero Backup Include and Exclude Resource Filters' (nawazdhandala; OneUptime/blog, code search id 26309072203; no Velero version named, judged on the newest)",
  },
  // valid cron and ttl; unfiltered before 1.17: ephemeral only
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero schedule create monthly-backup --schedule="0 4 1 * *" --ttl 8760h',
    source:
      "OneUptime blog post 'How to Configure Velero Backup Schedules for Kubernetes' (OneUptime/blog, code search id 26324015867; installs Velero v1.13.0)",
  },
  // namespace exclude without cluster resources; ephemeral
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero schedule create all-apps-backup --schedule="0 2 * * *" --exclude-namespaces kube-system,kube-public,velero',
    source:
      "OneUptime blog post 'How to Configure Velero Backup Schedules for Kubernetes' (OneUptime/blog, code search id 26324015867; installs Velero v1.13.0)",
  },
  // positive selector on a schedule (CMV028); ephemeral
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV027', 'CMV028'],
    line: 'velero schedule create multi-label-backup --schedule="0 2 * * *" --selector "app=api,tier=backend"',
    source:
      "OneUptime blog post 'How to Configure Velero Backup Schedules for Kubernetes' (OneUptime/blog, code search id 26324015867; installs Velero v1.13.0)",
  },
  // allowlist without cert-manager types
  {
    version: '1.13.2',
    exit: 0,
    findings: [],
    line: 'velero schedule create minimal-backup --schedule="0 2 * * *" --include-resources deployments,services,configmaps,secrets',
    source:
      "OneUptime blog post 'How to Configure Velero Backup Schedules for Kubernetes' (OneUptime/blog, code search id 26324015867; installs Velero v1.13.0)",
  },
  // allowlist of CRDs only, no namespace filter: CRDs (cert-manager's included) are backed up, no cert-manager CR
  // at stake
  {
    version: '1.13.2',
    exit: 0,
    findings: [],
    line: 'velero schedule create crd-backup --schedule="0 3 * * *" --include-resources customresourcedefinitions',
    source:
      "OneUptime blog post 'How to Configure Velero Backup Schedules for Kubernetes' (OneUptime/blog, code search id 26324015867; installs Velero v1.13.0)",
  },
  // old-style exclude, no namespace filter; ephemeral
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero schedule create no-events-backup --schedule="0 2 * * *" --exclude-resources events,pods',
    source:
      "OneUptime blog post 'How to Configure Velero Backup Schedules for Kubernetes' (OneUptime/blog, code search id 26324015867; installs Velero v1.13.0)",
  },
  // cluster resources on; ephemeral
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero schedule create full-backup --schedule="0 2 * * *" --include-cluster-resources=true',
    source:
      "OneUptime blog post 'How to Configure Velero Backup Schedules for Kubernetes' (OneUptime/blog, code search id 26324015867; installs Velero v1.13.0)",
  },
  // include-cluster-resources=false: no CRDs at all, no ClusterIssuers (CMV022 error); ephemeral
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV022', 'CMV027'],
    line: 'velero schedule create namespaced-only --schedule="0 2 * * *" --include-cluster-resources=false',
    source:
      "OneUptime blog post 'How to Configure Velero Backup Schedules for Kubernetes' (OneUptime/blog, code search id 26324015867; installs Velero v1.13.0)",
  },
  // unfiltered schedule before 1.17; ephemeral
  {
    version: '1.13.2',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero schedule create metadata-only --schedule="0 * * * *" --snapshot-volumes=false',
    source:
      "OneUptime blog post 'How to Configure Velero Backup Schedules for Kubernetes' (OneUptime/blog, code search id 26324015867; installs Velero v1.13.0)",
  },
  {
    version: '1.13.2',
    exit: 0,
    findings: [],
    line: 'velero backup get --selector velero.io/schedule-name=daily-backup',
    source:
      "OneUptime blog post 'How to Configure Velero Backup Schedules for Kubernetes' (OneUptime/blog, code search id 26324015867; installs Velero v1.13.0)",
  },
  // restore allowlist without cert-manager types or RBAC: nothing at stake (no CMV061 either: no RBAC is restored
  // at all)
  {
    version: '1.13.2',
    exit: 0,
    findings: [],
    line: 'velero restore create --from-backup daily-backup-20260127020000 --include-resources deployments,services',
    source:
      "OneUptime blog post 'How to Configure Velero Backup Schedules for Kubernetes' (OneUptime/blog, code search id 26324015867; installs Velero v1.13.0)",
  },
  // namespace-filtered restore without include-cluster-resources=true (CMV040); ephemeral (CMV047); shim (CMV048
  // info); RBAC order (CMV061 info)
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV040', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create namespace-restore --from-backup full-cluster-backup --include-namespaces app-production,app-staging',
    source:
      "OneUptime blog post 'How to Restore Kubernetes Applications with Velero' (OneUptime/blog, code search id 26693403532; its CronJob runs velero/velero:v1.12.0)",
  },
  // positive selector on a restore (CMV044) plus the restore defaults
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV044', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create labeled-restore --from-backup app-backup --selector app=frontend,tier=web',
    source:
      "OneUptime blog post 'How to Restore Kubernetes Applications with Velero' (OneUptime/blog, code search id 26693403532; its CronJob runs velero/velero:v1.12.0)",
  },
  // secrets excluded while Certificates are restored (CMV043) plus the restore defaults
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV043', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create selective-restore --from-backup full-backup --exclude-resources persistentvolumeclaims,secrets',
    source:
      "OneUptime blog post 'How to Restore Kubernetes Applications with Velero' (OneUptime/blog, code search id 26693403532; its CronJob runs velero/velero:v1.12.0)",
  },
  // --restore-only still exists on 1.12 (install.go); info only
  {
    version: '1.12.3',
    exit: 0,
    findings: ['CMV066'],
    line: 'velero install --provider aws --plugins velero/velero-plugin-for-aws:v1.8.0 --bucket velero-backups-prod --backup-location-config region=us-east-1 --secret-file ./credentials-velero --restore-only',
    source:
      "OneUptime blog post 'How to Restore Kubernetes Applications with Velero' (OneUptime/blog, code search id 26693403532; its CronJob runs velero/velero:v1.12.0)",
  },
  // restore create has no --exclude-cluster-scoped-resources (backup-only flag): unknown flag (CMV001); the
  // namespace-filtered restore findings as written
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV001', 'CMV040', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create cross-cluster-restore --from-backup source-cluster-backup --include-namespaces application --exclude-cluster-scoped-resources',
    source:
      "OneUptime blog post 'How to Restore Kubernetes Applications with Velero' (OneUptime/blog, code search id 26693403532; its CronJob runs velero/velero:v1.12.0)",
  },
  // no --storage-class-mappings flag exists (storage class mapping is a ConfigMap for the change-storage-class
  // action): unknown flag (CMV001)
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV001', 'CMV040', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create storage-mapped-restore --from-backup backup-name --include-namespaces data-tier --storage-class-mappings gp2:standard-rwo,io1:premium-rwo',
    source:
      "OneUptime blog post 'How to Restore Kubernetes Applications with Velero' (OneUptime/blog, code search id 26693403532; its CronJob runs velero/velero:v1.12.0)",
  },
  // none is a valid policy (the default): only the restore defaults
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create safe-restore --from-backup backup-name --existing-resource-policy none',
    source:
      "OneUptime blog post 'How to Restore Kubernetes Applications with Velero' (OneUptime/blog, code search id 26693403532; its CronJob runs velero/velero:v1.12.0)",
  },
  // update patches live cert-manager objects (CMV045) plus the restore defaults
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV045', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create update-restore --from-backup backup-name --existing-resource-policy update',
    source:
      "OneUptime blog post 'How to Restore Kubernetes Applications with Velero' (OneUptime/blog, code search id 26693403532; its CronJob runs velero/velero:v1.12.0)",
  },
  // restore allowlist of configmaps,secrets: no cert-manager object and no cluster-scoped type is wanted, so the
  // namespace filter drops nothing that matters (class 2)
  {
    version: '1.12.3',
    exit: 0,
    findings: [],
    line: 'velero restore create config-restore --from-backup full-backup --include-namespaces application --include-resources configmaps,secrets',
    source:
      "OneUptime blog post 'How to Restore Kubernetes Applications with Velero' (OneUptime/blog, code search id 26693403532; its CronJob runs velero/velero:v1.12.0)",
  },
  // allowlist without cert-manager types: Ingresses alone let ingress-shim recreate its Certificates; nothing at
  // stake
  {
    version: '1.12.3',
    exit: 0,
    findings: [],
    line: 'velero restore create workload-restore --from-backup full-backup --include-namespaces application --include-resources deployments,services,ingresses --exclude-resources persistentvolumeclaims,persistentvolumes',
    source:
      "OneUptime blog post 'How to Restore Kubernetes Applications with Velero' (OneUptime/blog, code search id 26693403532; its CronJob runs velero/velero:v1.12.0)",
  },
  // allowlist of deployments: selector and namespace filter drop no cert-manager object
  {
    version: '1.12.3',
    exit: 0,
    findings: [],
    line: 'velero restore create single-deployment-restore --from-backup full-backup --include-namespaces production --include-resources deployments --selector app=critical-service',
    source:
      "OneUptime blog post 'How to Restore Kubernetes Applications with Velero' (OneUptime/blog, code search id 26693403532; its CronJob runs velero/velero:v1.12.0)",
  },
  // namespace-filtered restore (CMV040); mappings do not touch cert-manager (no CMV046); defaults
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV040', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create dr-restore --from-backup production-backup --include-namespaces production,monitoring --namespace-mappings production:production-dr,monitoring:monitoring-dr',
    source:
      "OneUptime blog post 'How to Restore Kubernetes Applications with Velero' (OneUptime/blog, code search id 26693403532; its CronJob runs velero/velero:v1.12.0)",
  },
  // restore describe binds no output flag on 1.12 (pkg/cmd/cli/restore/describe.go: selector, details,
  // insecure-skip-tls-verify, cacert): unknown shorthand flag o (CMV001 applies to every velero command line)
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV001'],
    line: 'velero restore describe failed-restore -o yaml | grep -A 10 "warnings:"',
    source:
      "OneUptime blog post 'How to Restore Kubernetes Applications with Velero' (OneUptime/blog, code search id 26693403532; its CronJob runs velero/velero:v1.12.0)",
  },
  // namespace filter without cluster resources (CMV020), secrets excluded (CMV025), ephemeral (CMV027)
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV020', 'CMV025', 'CMV027'],
    line: 'velero backup create partial-backup --include-namespaces production --exclude-resources secrets,configmaps',
    source:
      "OneUptime blog post 'How to Back Up and Restore Kubernetes with Velero' (OneUptime/blog, code search id 27090109023; installs Velero v1.12.0)",
  },
  // unfiltered backup before 1.17; valid ttl; trailing comment
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create daily-backup --ttl 168h  # 168 hours = 7 days',
    source:
      "OneUptime blog post 'How to Back Up and Restore Kubernetes with Velero' (OneUptime/blog, code search id 27090109023; installs Velero v1.12.0)",
  },
  {
    version: '1.12.3',
    exit: 0,
    findings: [],
    line: 'velero schedule pause daily-production',
    source:
      "OneUptime blog post 'How to Back Up and Restore Kubernetes with Velero' (OneUptime/blog, code search id 27090109023; installs Velero v1.12.0)",
  },
  // restore defaults only
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create --from-backup production-backup --exclude-resources persistentvolumeclaims',
    source:
      "OneUptime blog post 'How to Back Up and Restore Kubernetes with Velero' (OneUptime/blog, code search id 27090109023; installs Velero v1.12.0)",
  },
  // positive selector on a restore (CMV044) plus defaults
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV044', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create --from-backup production-backup --selector app=frontend',
    source:
      "OneUptime blog post 'How to Back Up and Restore Kubernetes with Velero' (OneUptime/blog, code search id 27090109023; installs Velero v1.12.0)",
  },
  // restoring the cert-manager namespace with a namespace filter and no include-cluster-resources: no CRDs,
  // ClusterIssuers, webhook configurations (CMV040) plus defaults
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV040', 'CMV047', 'CMV048', 'CMV061'],
    line: 'velero restore create dr-infra --from-backup latest-backup --include-namespaces cert-manager,ingress-nginx',
    source:
      "OneUptime blog post 'How to Back Up and Restore Kubernetes with Velero' (OneUptime/blog, code search id 27090109023; installs Velero v1.12.0)",
  },
  // JUDGEMENT: velero has no restore wait command: cobra finds the restore parent, which is not runnable, so it
  // prints the restore help and exits 0 having done nothing (cobra legacyArgs only rejects unknown words on the
  // root). Velero itself exits 0 (cobra args.go:28 legacyArgs rejects unknown words only on the root;
  // command.go:955 not runnable gives ErrHelp, printed as help at 1152), but the script believes it waited: I hold
  // that a linter must report this as an unknown command (CMV001)
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV001'],
    line: 'velero restore wait dr-infra',
    source:
      "OneUptime blog post 'How to Back Up and Restore Kubernetes with Velero' (OneUptime/blog, code search id 27090109023; installs Velero v1.12.0)",
  },
  // update policy (CMV045) plus the 1.18 restore defaults
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV045', 'CMV047', 'CMV048'],
    line: 'velero restore create --from-backup backup-name --existing-resource-policy update',
    source:
      'https://help.hcl-software.com/devops/plan/3.0.4/oxy_ex-1/com.ibm.rational.clearquest.install_upgrade.doc/topics/r_backup_restore_scenarios.html (HCL DevOps Plan: Velero runs in namespace "backup"; placeholders named)',
  },
  // -n backup is Velero's own namespace, unknown here (default), so not judged (no CMV011, issue 18 class 4);
  // namespace filter (CMV020), ephemeral
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create backup-name --include-namespaces namespace -n backup',
    source:
      'https://help.hcl-software.com/devops/plan/3.0.4/oxy_ex-1/com.ibm.rational.clearquest.install_upgrade.doc/topics/r_backup_restore_scenarios.html (HCL DevOps Plan: Velero runs in namespace "backup"; placeholders named)',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup get -n backup',
    source:
      'https://help.hcl-software.com/devops/plan/3.0.4/oxy_ex-1/com.ibm.rational.clearquest.install_upgrade.doc/topics/r_backup_restore_scenarios.html (HCL DevOps Plan: Velero runs in namespace "backup"; placeholders named)',
  },
  // restore defaults; mapping leaves cert-manager alone; -n not judged
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: 'velero restore create --from-backup backup-name --namespace-mappings original-namespace:new-namespace -n backup',
    source:
      'https://help.hcl-software.com/devops/plan/3.0.4/oxy_ex-1/com.ibm.rational.clearquest.install_upgrade.doc/topics/r_backup_restore_scenarios.html (HCL DevOps Plan: Velero runs in namespace "backup"; placeholders named)',
  },
  // cluster resources on, no namespace filter; ephemeral only
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero backup create backup-name --include-cluster-resources=true -n backup',
    source:
      'https://help.hcl-software.com/devops/plan/3.0.4/oxy_ex-1/com.ibm.rational.clearquest.install_upgrade.doc/topics/r_backup_restore_scenarios.html (HCL DevOps Plan: Velero runs in namespace "backup"; placeholders named)',
  },
  // Go ParseDuration has no w unit (CMV009 error); the schedule as written is unfiltered (CMV027)
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV009', 'CMV027'],
    line: 'velero schedule create test --schedule "0 0 * * 0" --ttl 1w',
    source: 'Velero issue 6552 (velero answered: invalid argument "1w" for "--ttl" flag: time: unknown unit "w")',
  },
  // v1.14.1 has no empty check: --from-schedule= sets "" and test becomes the name, so a full backup named test is
  // created (CMV027); the flag value check came in v1.16.0 (commit 3ca547f18)
  {
    version: '1.14.1',
    exit: 1,
    findings: ['CMV027'],
    line: 'velero create backup --from-schedule= test',
    source: 'Velero issue 8214 (client v1.14.1)',
  },
  // since v1.16.0 validateFromScheduleFlag rejects it: flag must have a non-empty value: --from-schedule (CMV003);
  // the full backup as written carries CMV021/CMV027
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV003', 'CMV021', 'CMV027'],
    line: 'velero create backup --from-schedule= test',
    source: 'Velero issue 8214 (judged on 1.18.3)',
  },
  // help only
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero --help',
    source:
      'digitalocean/Kubernetes-Starter-Kit-Developers 06-setup-backup-restore/velero.md (written for Velero 1.7.1, judged on the newest)',
  },
  // help only
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup --help',
    source:
      'digitalocean/Kubernetes-Starter-Kit-Developers 06-setup-backup-restore/velero.md (written for Velero 1.7.1, judged on the newest)',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero describe backup backend-minute-backup-20210826094116',
    source:
      'digitalocean/Kubernetes-Starter-Kit-Developers 06-setup-backup-restore/velero.md (written for Velero 1.7.1, judged on the newest)',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup delete --selector velero.io/schedule-name=backend-minute-backup',
    source:
      'digitalocean/Kubernetes-Starter-Kit-Developers 06-setup-backup-restore/velero.md (written for Velero 1.7.1, judged on the newest)',
  },
  // 0h3m0s is a valid Go duration; namespace filter (CMV020); ephemeral
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create ambassador-backup-3min-ttl --ttl 0h3m0s --include-namespaces ambassador',
    source:
      'digitalocean/Kubernetes-Starter-Kit-Developers 06-setup-backup-restore/velero.md (written for Velero 1.7.1, judged on the newest)',
  },
  // help only
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup delete --help',
    source:
      'digitalocean/Kubernetes-Starter-Kit-Developers 06-setup-backup-restore/velero.md (written for Velero 1.7.1, judged on the newest)',
  },
  // from-schedule with only --wait: nothing ignored (no CMV014); -n kube-system is where this distribution runs
  // Velero, unknown to the preflight, so not judged
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-e2e --from-schedule manifests -n kube-system --wait',
    source:
      'sighupio/fury-kubernetes-dr katalog/tests/velero/velero-backup.sh (Velero in kube-system; the `timeout 120` prefix dropped)',
  },
  // restore defaults; -n not judged
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: 'velero restore create --from-backup backup-e2e -n kube-system --wait',
    source:
      'sighupio/fury-kubernetes-dr katalog/tests/velero/velero-backup.sh (Velero in kube-system; the `timeout 120` prefix dropped)',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup delete backup-e2e --confirm -n kube-system',
    source:
      'sighupio/fury-kubernetes-dr katalog/tests/velero/velero-backup.sh (Velero in kube-system; the `timeout 120` prefix dropped)',
  },
  // create backup form; bare --snapshot-volumes is an optionalBool with NoOptDefVal true; namespace filter;
  // ephemeral
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero create backup backup1 --snapshot-volumes --include-namespaces=default',
    source:
      'debianmaster/meetup-beyond-velero-k8s-backup-and-restores README.md (written for Velero ~1.3, judged on the newest)',
  },
  // restore with neither --from-backup nor --from-schedule: Validate fails (CMV015); the restore as written
  // carries the defaults (as corpus entries with CMV015 do)
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV015', 'CMV047', 'CMV048'],
    line: 'velero create restore restore1',
    source: 'debianmaster/meetup-beyond-velero-k8s-backup-and-restores README.md',
  },
  // velero run by path; restore defaults
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: './velero restore create --from-backup csi-b1 --wait',
    source: 'cloudogu/k8s-velero docs/test_backup_en.md',
  },
  // no namespaced object and only StorageClasses: the backup holds no cert-manager object (class 2); a lone * in a
  // scoped exclude is valid (ValidateScopedIncludesExcludes); singular storageclass resolves through discovery
  // (class 1)
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --exclude-namespace-scoped-resources=* --include-cluster-scoped-resources=storageclass',
    source:
      "velero design/Implemented/cluster-scope-resource-filter.md:90 (main d30d389; <backup-name> named, the block's lines joined)",
  },
  // JUDGEMENT: every cluster-scoped type, so ClusterIssuers (and CRDs, webhooks) are kept, but every namespaced
  // type is excluded: the ClusterIssuers' ACME account keys / CA / DNS01 Secrets are not backed up
  // (secrets-not-backed-up); nothing else at stake
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV025'],
    line: 'velero backup create backup-name --exclude-namespace-scoped-resources=* --include-cluster-scoped-resources=*',
    source:
      "velero design/Implemented/cluster-scope-resource-filter.md:99 (main d30d389; <backup-name> named, the block's lines joined)",
  },
  // * in the cluster exclude: no CRDs at all (auto-add disabled), no ClusterIssuers (CMV022); also a
  // namespace-filtered backup without any cluster-scoped resource, which velero-cli.md B1 defines for the scoped
  // engine as no includedClusterScopedResources covering CRDs and clusterissuers (CMV020); ephemeral kinds in the
  // included namespaces (CMV027)
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV022', 'CMV027'],
    line: 'velero backup create backup-name --include-namespaces=default,kube-system --exclude-cluster-scoped-resources=*',
    source:
      "velero design/Implemented/cluster-scope-resource-filter.md:110 (main d30d389; <backup-name> named, the block's lines joined)",
  },
  // old-style twin of the line above: include-cluster-resources=false (CMV022), ephemeral (CMV027)
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV022', 'CMV027'],
    line: 'velero backup create backup-name --include-namespaces=default,kube-system --include-cluster-resources=false',
    source:
      "velero design/Implemented/cluster-scope-resource-filter.md:117 (main d30d389; <backup-name> named, the block's lines joined)",
  },
  // the design text misspells the flag (--exclude-cluster-scope-resources): unknown flag (CMV001); endpoint
  // resolves to no type (the apiserver's singular name for Endpoints is endpoints: kubernetes
  // pkg/registry/core/endpoint/storage/storage.go:42; client-go restmapper/discovery.go:108-114 maps only the
  // plural and that singular; Velero's shortcut expander has no endpoint), so it stays a glob matching nothing:
  // CMV010 (misspelt type, warning); nothing of cert-manager at stake
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV001', 'CMV010'],
    line: 'velero backup create backup-name --include-namespace-scoped-resources=persistentvolumeclaim,deployment,service,endpoint,pod,replicaset --exclude-cluster-scope-resources=*',
    source:
      "velero design/Implemented/cluster-scope-resource-filter.md:126 (main d30d389; <backup-name> named, the block's lines joined)",
  },
  // allowlist of built-in workload types: no cert-manager object at stake, so include-cluster-resources=false
  // loses nothing of cert-manager (no CMV022, class 2); but endpoint resolves to no type (the apiserver's singular
  // name for Endpoints is endpoints: kubernetes pkg/registry/core/endpoint/storage/storage.go:42; client-go
  // restmapper/discovery.go:108-114 maps only the plural and that singular; Velero's shortcut expander has no
  // endpoint), so it stays a glob matching nothing: CMV010 (misspelt type, warning)
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV010'],
    line: 'velero backup create backup-name --include-resources=persistentvolumeclaim,deployment,service,endpoint,pod,replicaset --include-cluster-resources=false',
    source:
      "velero design/Implemented/cluster-scope-resource-filter.md:133 (main d30d389; <backup-name> named, the block's lines joined)",
  },
  // misspelt flag (CMV001); endpoint resolves to no type (the apiserver's singular name for Endpoints is
  // endpoints: kubernetes pkg/registry/core/endpoint/storage/storage.go:42; client-go
  // restmapper/discovery.go:108-114 maps only the plural and that singular; Velero's shortcut expander has no
  // endpoint), so it stays a glob matching nothing: CMV010 (misspelt type, warning)
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV001', 'CMV010'],
    line: 'velero backup create backup-name --include-namespaces=default,kube-system --include-namespace-scoped-resources=persistentvolumeclaim,deployment,service,endpoint,pod,replicaset --exclude-cluster-scope-resources=*',
    source:
      "velero design/Implemented/cluster-scope-resource-filter.md:142 (main d30d389; <backup-name> named, the block's lines joined)",
  },
  // every namespaced type but Ingresses (Certificates, Secrets kept) and * in the cluster exclude: no CRDs, no
  // ClusterIssuers (CMV022); ephemeral (CMV027)
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV022', 'CMV027'],
    line: 'velero backup create backup-name --exclude-namespace-scoped-resources=ingress --exclude-cluster-scoped-resources=*',
    source:
      "velero design/Implemented/cluster-scope-resource-filter.md:160 (main d30d389; <backup-name> named, the block's lines joined)",
  },
  // old-style twin: include-cluster-resources=false (CMV022), ephemeral (CMV027)
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV022', 'CMV027'],
    line: 'velero backup create backup-name --exclude-resources=ingress --include-cluster-resources=false',
    source:
      "velero design/Implemented/cluster-scope-resource-filter.md:167 (main d30d389; <backup-name> named, the block's lines joined)",
  },
  // namespaced allowlist without cert-manager types: nothing at stake
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero backup create backup-name --include-namespaces=default,kube-system --include-namespace-scoped-resources=pods,configmaps',
    source:
      "velero design/Implemented/cluster-scope-resource-filter.md:183 (main d30d389; <backup-name> named, the block's lines joined)",
  },
  // the scoped cluster allowlist (StorageClasses) does not cover CRDs and ClusterIssuers in a namespace-filtered
  // backup: velero-cli.md B1, CMV020 (CMV023's summary describes the same loss; the tool reports CMV020 when a
  // namespace filter is present, CMV023 otherwise); ephemeral (CMV027)
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create backup-name --include-namespaces=default,kube-system --include-cluster-scoped-resources=storageclass',
    source:
      "velero design/Implemented/cluster-scope-resource-filter.md:207 (main d30d389; <backup-name> named, the block's lines joined)",
  },
  // no cert-manager type in either allowlist: nothing at stake for cert-manager; endpoint resolves to no type (the
  // apiserver's singular name for Endpoints is endpoints: kubernetes
  // pkg/registry/core/endpoint/storage/storage.go:42; client-go restmapper/discovery.go:108-114 maps only the
  // plural and that singular; Velero's shortcut expander has no endpoint), so it stays a glob matching nothing:
  // CMV010 (misspelt type, warning)
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV010'],
    line: 'velero backup create backup-name --include-namespace-scoped-resources=persistentvolumeclaim,deployment,service,endpoint,pod,replicaset --include-cluster-scoped-resources=storageclass',
    source:
      "velero design/Implemented/cluster-scope-resource-filter.md:215 (main d30d389; <backup-name> named, the block's lines joined)",
  },
  // namespaced allowlist without cert-manager types; the cluster exclude drops nothing of cert-manager the backup
  // would hold; endpoint resolves to no type (the apiserver's singular name for Endpoints is endpoints: kubernetes
  // pkg/registry/core/endpoint/storage/storage.go:42; client-go restmapper/discovery.go:108-114 maps only the
  // plural and that singular; Velero's shortcut expander has no endpoint), so it stays a glob matching nothing:
  // CMV010 (misspelt type, warning)
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV010'],
    line: 'velero backup create backup-name --include-namespace-scoped-resources=persistentvolumeclaim,deployment,service,endpoint,pod,replicaset --include-namespaces=default,kube-system --exclude-cluster-scoped-resources=storageclass',
    source:
      "velero design/Implemented/cluster-scope-resource-filter.md:232 (main d30d389; <backup-name> named, the block's lines joined)",
  },
  // all cluster-scoped types (ClusterIssuers kept) while the cert-manager namespace is not included (CMV026, as
  // the corpus does for the old-style twin); ephemeral (CMV027)
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV026', 'CMV027'],
    line: 'velero backup create backup-name --include-namespaces=default,kube-system --include-cluster-scoped-resources=*',
    source:
      "velero design/Implemented/cluster-scope-resource-filter.md:244 (main d30d389; <backup-name> named, the block's lines joined)",
  },
  // JUDGEMENT: ClusterIssuers kept (cluster *) but the namespaced allowlist leaves out Secrets, so their
  // ACME/CA/DNS01 Secrets are not backed up (secrets-not-backed-up, CMV025); endpoint resolves to no type (the
  // apiserver's singular name for Endpoints is endpoints: kubernetes
  // pkg/registry/core/endpoint/storage/storage.go:42; client-go restmapper/discovery.go:108-114 maps only the
  // plural and that singular; Velero's shortcut expander has no endpoint), so it stays a glob matching nothing:
  // CMV010 (misspelt type, warning)
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV010', 'CMV025'],
    line: 'velero backup create backup-name --include-namespace-scoped-resources=deployment,service,endpoint,pod,replicaset --include-cluster-scoped-resources=*',
    source:
      "velero design/Implemented/cluster-scope-resource-filter.md:259 (main d30d389; <backup-name> named, the block's lines joined)",
  },
  // namespaces * (all; 1.18.3 has the 9869 fix), cluster allowlist of PersistentVolumes only: ClusterIssuers and
  // webhooks left out (CMV023); ephemeral (CMV027); * after = is not globbed by the shell here
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV023', 'CMV027'],
    line: 'velero backup create backup-name --include-namespaces=* --include-cluster-scoped-resources=persistentvolume',
    source:
      "velero design/Implemented/cluster-scope-resource-filter.md:291 (main d30d389; <backup-name> named, the block's lines joined)",
  },
  // backup-location get binds the output flags; nothing to report
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: "velero backup-location get default -o json | jq '.status.phase'",
    source:
      'public compliance-platform DR runbook (Velero backup README, code search id 34151946039; YYYYMMDD and NAMESPACE named, $(date +%s) as 1702641600)',
  },
  // a CRD and cluster RBAC first pass without namespace filter: cluster-scoped types are restored (all
  // namespaces), no cert-manager CR in the allowlist, so no CMV042; nothing at stake
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero restore create cluster-state-restore --from-backup cluster-state-backup-yyyymmdd --include-resources customresourcedefinitions,clusterroles,clusterrolebindings --wait',
    source:
      'public compliance-platform DR runbook (Velero backup README, code search id 34151946039; YYYYMMDD and NAMESPACE named, $(date +%s) as 1702641600)',
  },
  // restores the cert-manager namespace with a namespace filter and without include-cluster-resources=true: no
  // ClusterIssuers, webhook configurations (CMV040), plus the restore defaults
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV040', 'CMV047', 'CMV048'],
    line: 'velero restore create infra-restore --from-backup daily-all-namespaces-yyyymmdd --include-namespaces cert-manager,ingress-nginx,monitoring --wait',
    source:
      'public compliance-platform DR runbook (Velero backup README, code search id 34151946039; YYYYMMDD and NAMESPACE named, $(date +%s) as 1702641600)',
  },
  // restore allowlist without cert-manager types: nothing at stake
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero restore create selective-restore-1702641600 --from-backup daily-all-namespaces-yyyymmdd --include-namespaces namespace --include-resources deployments,services,configmaps,secrets --wait',
    source:
      'public compliance-platform DR runbook (Velero backup README, code search id 34151946039; YYYYMMDD and NAMESPACE named, $(date +%s) as 1702641600)',
  },
  // PVC-only restore: the selector and namespace filter drop no cert-manager object
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero restore create db-restore-1702641600 --from-backup hipaa-phi-backup-yyyymmdd --include-namespaces namespace --include-resources persistentvolumeclaims --selector app=database --wait',
    source:
      'public compliance-platform DR runbook (Velero backup README, code search id 34151946039; YYYYMMDD and NAMESPACE named, $(date +%s) as 1702641600)',
  },
  // cluster resources on, so ClusterIssuers are backed up while the cert-manager namespace (their Secrets) is not
  // included (CMV026); ephemeral kinds of the included namespaces (CMV027)
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV026', 'CMV027'],
    line: 'velero backup create forensic-breach-20231215-120000 --include-namespaces hipaa-production,healthcare --include-cluster-resources=true --ttl 2160h  # 90 days for investigation',
    source:
      'public compliance-platform DR runbook (Velero backup README, code search id 34151946039; YYYYMMDD and NAMESPACE named, $(date +%s) as 1702641600)',
  },
  // mapping does not touch cert-manager (no CMV046); restore defaults
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: 'velero restore create hipaa-recovery-1702641600 --from-backup hipaa-phi-backup-yyyymmdd --namespace-mappings "hipaa-production:hipaa-recovery" --wait',
    source:
      'public compliance-platform DR runbook (Velero backup README, code search id 34151946039; YYYYMMDD and NAMESPACE named, $(date +%s) as 1702641600)',
  },
  // Velero looks mappings up by exact namespace name (pkg/restore/restore.go:1001, :2634): * maps only a namespace
  // literally named *, so nothing is remapped and nothing is rejected (no validation of the key); it is not a
  // remapping of cert-manager (no CMV046); restore defaults
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: 'velero restore create weekly-test-1702641600 --from-backup weekly-all-namespaces-yyyymmdd --namespace-mappings "*:restore-test" --wait',
    source:
      'public compliance-platform DR runbook (Velero backup README, code search id 34151946039; YYYYMMDD and NAMESPACE named, $(date +%s) as 1702641600)',
  },
  // restore create has no --include-cluster-scoped-resources (a backup flag): unknown flag (CMV001);
  // --include-namespaces "" is the list [""] which includes no namespace (CMV008 names the empty value); a
  // namespace-filtered restore without include-cluster-resources=true restores no cluster-scoped type either
  // (CMV040): even accepted, this CRD-first pass would restore nothing; restore defaults
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV001', 'CMV008', 'CMV040', 'CMV047', 'CMV048'],
    line: 'velero restore create --from-backup backup-name --include-cluster-scoped-resources crd,clusterrole,clusterrolebinding --include-namespaces "" --restore-volumes=false --wait',
    source:
      "public DR guide script cluster-restore.sh (code search id 52183112143; BACKUP_NAME is the script's second argument, named backup-name)",
  },
  // cert-manager namespace restored with a namespace filter and no include-cluster-resources=true (CMV040);
  // defaults
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV040', 'CMV047', 'CMV048'],
    line: 'velero restore create --from-backup backup-name --include-namespaces cert-manager,monitoring --restore-volumes=true --wait',
    source:
      "public DR guide script cluster-restore.sh (code search id 52183112143; BACKUP_NAME is the script's second argument, named backup-name)",
  },
  // cert-manager namespace alone: no CRDs, ClusterIssuers, webhook configurations (CMV040); defaults
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV040', 'CMV047', 'CMV048'],
    line: 'velero restore create cert-manager-restore --from-backup infrastructure-daily-20250116030000 --include-namespaces cert-manager',
    source: 'public infrastructure runbook (code search id 45173836455)',
  },
  // --namespace is Velero's own namespace flag (the Restore object goes to monitoring), not a filter: a mistake
  // only if Velero does not run there, which the preflight cannot know (unknown default), so not judged (issue 18
  // class 4); a Secrets-only restore holds no cert-manager CR
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero restore create secrets-restore --from-backup infrastructure-daily-20250116030000 --include-resources secrets --namespace monitoring',
    source: 'public infrastructure runbook (code search id 45173836455)',
  },
  // backs up the cert-manager namespace without cluster resources (CMV020); ephemeral (CMV027); -n backups not
  // judged
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create phase1-object-drill -n backups --include-namespaces cert-manager --snapshot-volumes=false --default-volumes-to-fs-backup=false --ttl 1h',
    source: 'public homelab DR drill notes (code search id 68955070346; Velero in namespace backups)',
  },
  // remaps cert-manager's own namespace (CMV046: webhook service namespace, inject-ca-from and ClusterIssuer
  // Secret location are not remapped); defaults
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV046', 'CMV047', 'CMV048'],
    line: 'velero restore create phase1-restore -n backups --from-backup phase1-object-drill --namespace-mappings cert-manager:cert-manager-drill',
    source: 'public homelab DR drill notes (code search id 68955070346; Velero in namespace backups)',
  },
  // cert-manager namespace without cluster resources (CMV020); ephemeral (CMV027)
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV020', 'CMV027'],
    line: 'velero backup create emergency-backup-20250116-0300 --storage-location aws-us-west-2 --include-namespaces cert-manager --wait',
    source: 'public BSL failover runbook (code search id 61631069333; $(date +%Y%m%d-%H%M) named)',
  },
  // cert-manager among filtered namespaces without include-cluster-resources=true (CMV040); defaults; -n not
  // judged
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV040', 'CMV047', 'CMV048'],
    line: 'velero restore create restore-infrastructure --from-backup your-latest-backup --include-namespaces cert-manager,external-dns,traefik,stackgres,monitoring -n platform-backup --wait',
    source:
      'public platform restore guide (code search id 17283466749; Velero in namespace platform-backup; <your_latest_backup> named)',
  },
  // mapping of default only (no CMV046); restore defaults
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV047', 'CMV048'],
    line: 'velero restore create --from-backup cert-manager-backup-xxxx --namespace-mappings default:dr-test',
    source: 'public cert-manager DR guide, Japanese (code search id 9191558209)',
  },
  // cobra checks --help before Args, Complete and Validate (cobra v1.10.2 command.go:926-935, before ValidateArgs
  // at :968) and ExecuteC prints the help and returns nil (:1152): exit 0, nothing created or installed, so no
  // required-name, source or cert-manager finding applies
  {
    version: '1.13.2',
    exit: 0,
    findings: [],
    line: 'velero restore create --help',
    source: 'velero docs site/content/docs/v1.13/restore-reference.md:11 (inline command)',
  },
  // cobra checks --help before Args, Complete and Validate (cobra v1.10.2 command.go:926-935, before ValidateArgs
  // at :968) and ExecuteC prints the help and returns nil (:1152): exit 0, nothing created or installed, so no
  // required-name, source or cert-manager finding applies
  {
    version: '1.12.3',
    exit: 0,
    findings: [],
    line: 'velero backup create --help',
    source: 'velero docs site/content/docs/v1.12/how-velero-works.md:44 (inline command)',
  },
  // cobra checks --help before Args, Complete and Validate (cobra v1.10.2 command.go:926-935, before ValidateArgs
  // at :968) and ExecuteC prints the help and returns nil (:1152): exit 0, nothing created or installed, so no
  // required-name, source or cert-manager finding applies (no CMV066 either: nothing is installed)
  {
    version: '1.17.2',
    exit: 0,
    findings: [],
    line: 'velero install --help',
    source: 'velero docs site/content/docs/v1.17/customize-installation.md:335 (inline command)',
  },
  // help of the restore group: nothing to report
  {
    version: '1.16.2',
    exit: 0,
    findings: [],
    line: 'velero restore --help',
    source: 'velero docs site/content/docs/v1.16/restore-reference.md:9 (inline command)',
  },
  // restore get validates -o (pkg/cmd/util/output/output.go validateOutputFlag: only table, json, yaml): invalid
  // output format, the command fails, so the script loops on an empty status forever (CMV003, a flag value velero
  // rejects)
  {
    version: '1.12.3',
    exit: 1,
    findings: ['CMV003'],
    line: "velero restore get restore-name -o jsonpath='{.status.phase}'",
    source:
      "OneUptime blog post 'How to Restore Kubernetes Applications with Velero' (OneUptime/blog, code search id 26693403532; its CronJob runs velero/velero:v1.12.0) (post-restore-verification.sh, inside STATUS=$(...); $RESTORE_NAME is the script argument, named restore-name)",
  },
  // plugin add without --confirm (1.14+ prompts; without a terminal nothing is added: CMV064) and restarts Velero
  // (CMV065 info); the image is not the cert-manager plugin, so no CMV067 whatever its tag (untagged image)
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV064', 'CMV065'],
    line: 'velero plugin add quay.io/ocpmigrate/velero-plugin',
    source: 'openshift velero-plugin README (code search id 17436340809: "velero plugin add <image>, e.g. ...")',
  },
  // plugin add without --confirm (1.14+ prompts; without a terminal nothing is added: CMV064) and restarts Velero
  // (CMV065 info); the image is not the cert-manager plugin, so no CMV067 whatever its tag (:latest)
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV064', 'CMV065'],
    line: 'velero plugin add change-label-velero-plugin:latest',
    source: 'public README of a change-label Velero plugin (code search id 2482822720)',
  },
  // plugin add without --confirm (1.14+ prompts; without a terminal nothing is added: CMV064) and restarts Velero
  // (CMV065 info); the image is not the cert-manager plugin, so no CMV067 whatever its tag
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV064', 'CMV065'],
    line: 'velero plugin add radixdev.azurecr.io/radix-velero-plugin:master-latest',
    source: 'equinor radix-velero-plugin README (code search id 42762927475)',
  },
  // plugin add without --confirm (1.14+ prompts; without a terminal nothing is added: CMV064) and restarts Velero
  // (CMV065 info); the image is not the cert-manager plugin, so no CMV067 whatever its tag
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV064', 'CMV065'],
    line: 'velero plugin add ghcr.io/equinor/velero-plugin-aeos:main',
    source: 'equinor velero-plugin-aeos README (code search id 6876878186)',
  },
  // v1.13.2 plugin add has no --confirm and no prompt (pkg/cmd/cli/plugin/add.go; the prompt came in 1.14.0): only
  // the restart info (CMV065)
  {
    version: '1.13.2',
    exit: 0,
    findings: ['CMV065'],
    line: 'velero plugin add portworx/velero-plugin:1.0.3',
    source: 'Portworx Velero plugin docs (code search id 70278149439), judged on 1.13.2',
  },
  // plugin add without --confirm (1.14+ prompts; without a terminal nothing is added: CMV064) and restarts Velero
  // (CMV065 info); the image is not the cert-manager plugin, so no CMV067 whatever its tag
  {
    version: '1.18.3',
    exit: 1,
    findings: ['CMV064', 'CMV065'],
    line: 'velero plugin add lirt/velero-plugin-for-openstack:v0.2.1',
    source: 'lirt/velero-plugin-for-openstack README (code search id 48100506986)',
  },
  {
    version: '1.18.3',
    exit: 0,
    findings: [],
    line: 'velero snapshot-location create vsl-vsphere --provider velero.io/vsphere',
    source: 'public vSphere plugin install script (code search id 36411247630)',
  },
];

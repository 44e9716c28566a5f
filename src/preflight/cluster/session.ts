/**
 * Cluster mode as the CLI uses it: connect, read the facts (with a progress line on stderr), adjust the lint
 * context, lint the live Velero Deployment and plugin ConfigMaps with the offline server rules, and evaluate
 * every Backup and Schedule against the cluster. Imported lazily by cli.ts only for `--cluster`.
 */
import type { PreflightConfig } from '../config.js';
import { settleFindings, type LiveFinding } from '../audit/findings.js';
import type { Finding } from '../rules/types.js';
import { RULES } from '../rules/index.js';
import type { LintContext, Subject } from '../spec.js';
import type { LintUnit } from '../sources.js';
import { ClusterApi, type ApiOptions } from './api.js';
import { withPolicyConfigMaps } from '../policy.js';
import { contextFromFacts, evaluateSubject, installationFindings, type ExplicitContext } from './evaluate.js';
import { gatherFacts, type LiveFacts } from './facts.js';
import { startProgress } from './progress.js';

export interface ClusterSession {
  facts: LiveFacts;
  ctx: LintContext;
  /**
   * Subjects read from the cluster to lint like manifests: the Velero server Deployment, plugin ConfigMaps, and
   * the resource-policy ConfigMaps in Velero's namespace (which Backups and Schedules are then checked against).
   */
  liveUnits(): Promise<LintUnit[]>;
  findings(subjects: readonly Subject[], config: PreflightConfig | undefined): Finding[];
}

export async function openClusterSession(
  options: ApiOptions & { progress: boolean },
  ctx: LintContext,
  explicit: ExplicitContext,
): Promise<ClusterSession> {
  const progress = startProgress(options.progress, 'reading the cluster');
  let facts: LiveFacts;
  try {
    const api = await ClusterApi.connect(options);
    progress.update(`reading ${api.server} (context ${api.contextName})`);
    facts = await gatherFacts(api, {
      progress: (step) => progress.update(step),
      ...(ctx.pluginImages ? { pluginImages: ctx.pluginImages } : {}),
    });
  } finally {
    progress.stop();
  }
  const liveCtx = contextFromFacts(facts, ctx, explicit);
  return {
    facts,
    ctx: liveCtx,
    async liveUnits() {
      // Other ConfigMaps become subjects only when their data looks like a resource policy (manifests.ts).
      const objects = [
        ...(facts.velero ? [facts.velero.deployment] : []),
        ...facts.pluginConfigMaps,
        ...facts.otherConfigMaps,
      ];
      if (objects.length === 0) return [];
      const [{ default: yaml }, sources] = await Promise.all([import('js-yaml'), import('../sources.js')]);
      const units: LintUnit[] = [];
      for (const o of objects) {
        const name = `cluster:${o.kind.toLowerCase()}/${o.metadata.namespace}/${o.metadata.name}`;
        const clean = {
          apiVersion: o.apiVersion || (o.kind === 'Deployment' ? 'apps/v1' : 'v1'),
          kind: o.kind,
          metadata: {
            name: o.metadata.name,
            namespace: o.metadata.namespace,
            labels: o.metadata.labels ?? {},
            annotations: o.metadata.annotations ?? {},
          },
          ...(o.spec ? { spec: o.spec } : {}),
          ...(o.data ? { data: o.data } : {}),
        };
        units.push(
          ...sources.unitsFromText(yaml.dump(clean, { noRefs: true }), 'yaml', name, liveCtx.veleroVersion).units,
        );
      }
      return units;
    },
    findings(subjects, config) {
      const live: LiveFinding[] = [
        ...installationFindings(facts, liveCtx),
        ...subjects.flatMap((s) => evaluateSubject(s, facts, withPolicyConfigMaps(liveCtx, subjects))),
      ];
      return settleFindings(live, RULES, config, liveCtx.pluginInstalled);
    },
  };
}

/**
 * `velero-cm-preflight doctor [--apply] [--yes]`: reads the live cluster, reports the damage a restore
 * without the plugin leaves, prints the exact commands that fix it, and runs exactly those commands (no
 * shell) only with --apply after a confirmation or --yes.
 */
import { spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline/promises';
import type { PreflightConfig } from '../config.js';
import { settleFindings, type LiveFinding } from '../audit/findings.js';
import { ClusterApi, type ApiOptions } from '../cluster/api.js';
import { gatherFacts } from '../cluster/facts.js';
import { startProgress } from '../cluster/progress.js';
import { shellJoin } from '../parse/shell.js';
import { RULES } from '../rules/index.js';
import type { LintContext } from '../spec.js';
import { diagnose } from './diagnose.js';
import { present } from '../checked.js';

export interface DoctorRun {
  findings: LiveFinding[];
  ctx: LintContext;
  checked: number;
}

export async function runDoctor(
  options: ApiOptions & {
    progress: boolean;
    clusterResourceNamespaceExplicit: boolean;
    /** `--namespace`: report only on objects in these namespaces (and cluster-scoped ones). */
    namespaces?: readonly string[];
  },
  ctx: LintContext,
  config: PreflightConfig | undefined,
): Promise<DoctorRun> {
  const progress = startProgress(options.progress, 'reading the cluster');
  try {
    const api = await ClusterApi.connect(options);
    progress.update(`reading ${api.server} (context ${api.contextName})`);
    const facts = await gatherFacts(api, {
      progress: (s) => progress.update(s),
      includeIngresses: true,
      ...(ctx.pluginImages ? { pluginImages: ctx.pluginImages } : {}),
    });
    const liveCtx = { ...ctx };
    if (facts.certManager && !options.clusterResourceNamespaceExplicit)
      liveCtx.clusterResourceNamespace = facts.certManager.clusterResourceNamespace;
    const findings = diagnose(facts.items, {
      clusterResourceNamespace: liveCtx.clusterResourceNamespace,
      file: `cluster:${facts.context}`,
      ...(options.context ? { context: options.context } : {}),
      ...(options.namespaces ? { namespaces: options.namespaces } : {}),
    });
    for (const f of findings) if (f.commands && f.fix) f.fix.replacement = f.commands.map(shellJoin).join(' && ');
    // The doctor judges the cluster after a restore: plugin awareness does not apply.
    // What was checked is what the findings can be about: objects in the chosen namespaces, and cluster-scoped ones.
    const inScope = options.namespaces ? new Set(options.namespaces) : undefined;
    const checked = facts.items.filter((i) => !inScope || i.namespace === '' || inScope.has(i.namespace)).length;
    return { findings: settleFindings(findings, RULES, config, false), ctx: liveCtx, checked };
  } finally {
    progress.stop();
  }
}

/** Every command of the findings, in report order, each once. */
export function fixCommands(findings: readonly LiveFinding[]): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const f of findings)
    for (const c of f.commands ?? []) {
      const key = JSON.stringify(c);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(c);
      }
    }
  return out;
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

/**
 * Runs the printed commands. `kubectl` is found on PATH (or $VELERO_CM_PREFLIGHT_KUBECTL); each runs without a
 * shell, one at a time, stopping nothing on failure but reporting it. Returns the number that failed.
 */
export async function applyCommands(
  commands: readonly string[][],
  yes: boolean,
  log: (line: string) => void,
): Promise<{ ran: number; failed: number; refused?: string }> {
  if (commands.length === 0) return { ran: 0, failed: 0 };
  if (!yes) {
    if (!process.stdin.isTTY)
      return { ran: 0, failed: 0, refused: 'not a terminal: pass --yes to run the commands above without a question' };
    if (!(await confirm(`Run these ${commands.length} command${commands.length === 1 ? '' : 's'}? [y/N] `)))
      return { ran: 0, failed: 0, refused: 'not confirmed' };
  }
  let failed = 0;
  for (const command of commands) {
    const [program, ...args] = command;
    const bin =
      program === 'kubectl' ? (process.env.VELERO_CM_PREFLIGHT_KUBECTL ?? 'kubectl') : present(program, 'the program');
    log(`+ ${shellJoin(command)}`);
    const child = spawnSync(bin, args, { stdio: ['ignore', 2, 2], shell: false, timeout: 60_000 });
    if (child.error || child.status !== 0) {
      failed++;
      log(`  failed: ${child.error?.message ?? `exit status ${child.status}`}`);
    }
  }
  return { ran: commands.length, failed };
}

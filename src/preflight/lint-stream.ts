/**
 * Which lint units a run must keep until every input is read, so the rest can be dropped as soon as they are read:
 * a file of tens of thousands of clean manifests then takes the memory of one of them, not of all.
 *
 * Holding every unit to the end was needed only because a unit's findings may depend on units read later:
 * - the plugin's presence (a plugin ConfigMap, an install or Deployment naming its image, `velero plugin add`) lowers
 *   findings the plugin handles to info: it changes a finding's severity, never whether there is one;
 * - a resource-policy ConfigMap changes the findings of the Backups and Schedules that name it;
 * - cluster mode evaluates every Backup and Schedule against the cluster, clean or not.
 * So a Backup, Schedule or Restore that names no policy and has no finding with what is known so far has none at
 * the end either, and only its count is kept. Everything else (units with findings, whose commands --fix needs,
 * units that inform the others, every unit in cluster mode) is kept and linted again at the end as before.
 */
import type { PreflightConfig } from './config.js';
import { lintSubject } from './engine.js';
import type { LintUnit } from './sources.js';
import type { LintContext, Subject } from './spec.js';

const DROPPABLE_KINDS = new Set<Subject['kind']>(['backup', 'schedule', 'restore']);

export class LintUnitKeeper {
  /** The units the final lint needs, in reading order. */
  readonly kept: LintUnit[] = [];
  /** Every unit read, kept or not: what the report counts as checked. */
  checked = 0;

  constructor(
    private readonly ctx: LintContext,
    private readonly config: PreflightConfig | undefined,
    private readonly keepAll: boolean,
  ) {}

  add(unit: LintUnit): void {
    this.checked++;
    if (this.keepAll || !this.droppable(unit.subject)) this.kept.push(unit);
  }

  private droppable(subject: Subject): boolean {
    if (!DROPPABLE_KINDS.has(subject.kind) || subject.backup?.resourcePolicy?.name) return false;
    return lintSubject(subject, this.ctx, this.config).length === 0;
  }
}

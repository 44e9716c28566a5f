/**
 * The list of every action the plugin serves, in the order Velero should run them. Add a new action
 * here (and its name in names.ts); the host validates names and advertises each action once.
 */
import type { Action, VeleroRequestObject } from '../host/action.js';
import type { ClusterLookups } from '../kube/types.js';
import { createCertManagerBackupActions } from './backup/index.js';
import { OFFLINE_LOOKUPS, RunScopes } from './run-scope.js';
import { createBackupSkipEphemeral } from './backup/skip-ephemeral.js';
import { DISABLED_ACTIONS_ENV } from './names.js';
import { createCertManagerRestoreActions } from './restore/index.js';
import { createRestoreSkipEphemeral } from './restore/skip-ephemeral.js';

export interface ActionContext {
  /** The plugin's environment (inherited from the Velero server's container). */
  env: NodeJS.ProcessEnv;
  /**
   * The cluster facts for one Backup or Restore (the composition root passes src/kube's
   * `ClusterAccess.forOperation(uid)`). Without it the cert-manager actions run offline: default
   * configuration, the Helm chart's names, no webhook wait.
   */
  lookupsFor?: (request: VeleroRequestObject) => ClusterLookups;
}

/** All actions that are not turned off through VCM_DISABLED_ACTIONS. */
export function createActions(context: ActionContext = { env: process.env }): Action[] {
  const knownActionNames: string[] = [];
  const scopes = new RunScopes({ lookupsFor: context.lookupsFor ?? (() => OFFLINE_LOOKUPS), knownActionNames });
  const all: Action[] = [
    createBackupSkipEphemeral(scopes),
    ...createCertManagerBackupActions(scopes),
    createRestoreSkipEphemeral(scopes),
    ...createCertManagerRestoreActions(scopes),
  ];
  knownActionNames.push(...all.map((action) => action.name));
  const disabled = disabledActionNames(context.env);
  return all.filter((action) => !disabled.has(action.name) && !disabled.has(shortName(action.name)));
}

/** The entries of VCM_DISABLED_ACTIONS: full action names or the part after the "/". */
export function disabledActionNames(env: NodeJS.ProcessEnv): Set<string> {
  return new Set(
    (env[DISABLED_ACTIONS_ENV] ?? '')
      .split(/[\s,]+/)
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ''),
  );
}

function shortName(name: string): string {
  return name.slice(name.indexOf('/') + 1);
}

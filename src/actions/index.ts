/**
 * The list of every action the plugin serves, in the order Velero should run them. Add a new action
 * here (and its name in names.ts); the host validates names and advertises each action once.
 */
import type { Action } from '../host/action.js';
import { backupSkipEphemeral } from './backup/skip-ephemeral.js';
import { DISABLED_ACTIONS_ENV } from './names.js';
import { restoreSkipEphemeral } from './restore/skip-ephemeral.js';

export interface ActionContext {
  /** The plugin's environment (inherited from the Velero server's container). */
  env: NodeJS.ProcessEnv;
}

/** All actions that are not turned off through VCM_DISABLED_ACTIONS. */
export function createActions(context: ActionContext = { env: process.env }): Action[] {
  const all: Action[] = [backupSkipEphemeral, restoreSkipEphemeral];
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

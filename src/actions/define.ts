/**
 * The shape every cert-manager action shares: look up the run, honour `disabledActions`, then run the
 * action's own logic with the run's configuration at hand. Keeps each action file down to its selector
 * and its decision.
 */
import type {
  ActionLogger,
  BackupAction,
  BackupActionInput,
  BackupActionResult,
  ItemsReadyInput,
  ResourceSelector,
  RestoreAction,
  RestoreActionInput,
  RestoreActionResult,
} from '../host/action.js';
import type { PluginConfig } from '../config/plugin-config.js';
import type { RunScope, RunScopes } from './run-scope.js';

export interface ActionSpec {
  name: string;
  description: string;
  appliesTo: ResourceSelector;
}

export interface BackupRun extends BackupActionInput {
  scope: RunScope;
  config: PluginConfig;
}

export interface RestoreRun extends RestoreActionInput {
  scope: RunScope;
  config: PluginConfig;
}

export interface ItemsReadyRun extends ItemsReadyInput {
  scope: RunScope;
  config: PluginConfig;
}

async function enabledScope(scopes: RunScopes, request: BackupActionInput['backup'], name: string, log: ActionLogger) {
  const scope = scopes.get(request);
  const { enabled, config } = await scope.enabled(name, log);
  if (!enabled) log.debug('action turned off by the plugin configuration (disabledActions)');
  return { scope, config, enabled };
}

export function defineBackupAction(
  spec: ActionSpec,
  scopes: RunScopes,
  run: (input: BackupRun) => Promise<BackupActionResult> | BackupActionResult,
): BackupAction {
  return {
    kind: 'backup',
    ...spec,
    async execute(input) {
      const { scope, config, enabled } = await enabledScope(scopes, input.backup, spec.name, input.log);
      if (!enabled) return { item: input.item };
      return run({ ...input, scope, config });
    },
  };
}

export function defineRestoreAction(
  spec: ActionSpec,
  scopes: RunScopes,
  run: (input: RestoreRun) => Promise<RestoreActionResult> | RestoreActionResult,
  ready?: (input: ItemsReadyRun) => Promise<boolean> | boolean,
): RestoreAction {
  const action: RestoreAction = {
    kind: 'restore',
    ...spec,
    async execute(input) {
      const { scope, config, enabled } = await enabledScope(scopes, input.restore, spec.name, input.log);
      if (!enabled) return { item: input.item };
      return run({ ...input, scope, config });
    },
  };
  if (ready) {
    action.areAdditionalItemsReady = async (input) => {
      const scope = scopes.get(input.restore);
      const config = await scope.config(input.log);
      return ready({ ...input, scope, config });
    };
  }
  return action;
}

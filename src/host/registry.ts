/**
 * The action registry: validates the named actions once at start-up and answers Velero's ListPlugins.
 *
 * Each action is advertised exactly once, under its V2 kind (Velero 1.12+ calls the V2 paths for all
 * backup and restore actions; listing a name under v1 too would run it twice per item). ItemBlockAction
 * is never advertised: Velero <= 1.14 refuses to start when it sees that kind.
 */
import { resolve } from 'node:path';
import type { Action, BackupAction, RestoreAction } from './action.js';

export const BACKUP_ITEM_ACTION_V2 = 'BackupItemActionV2';
export const RESTORE_ITEM_ACTION_V2 = 'RestoreItemActionV2';

/** Environment variable a launcher (e.g. a wrapper script) sets to the path Velero should re-exec. */
export const PLUGIN_COMMAND_ENV = 'VCM_PLUGIN_COMMAND';

export interface PluginIdentifier {
  command: string;
  kind: string;
  name: string;
}

export class ActionRegistry {
  readonly backup = new Map<string, BackupAction>();
  readonly restore = new Map<string, RestoreAction>();

  /** Throws an Error listing every invalid or duplicate name, so a broken build fails at once. */
  constructor(actions: readonly Action[]) {
    const problems: string[] = [];
    for (const action of actions) {
      const problem = pluginNameProblem(action.name);
      if (problem) {
        problems.push(`invalid action name ${JSON.stringify(action.name)}: ${problem}`);
        continue;
      }
      const table: Map<string, Action> = action.kind === 'backup' ? this.backup : this.restore;
      if (table.has(action.name)) {
        problems.push(`duplicate ${action.kind} action name ${JSON.stringify(action.name)}`);
        continue;
      }
      if (action.kind === 'backup') this.backup.set(action.name, action);
      else this.restore.set(action.name, action);
    }
    if (problems.length > 0) throw new Error(`cannot serve these actions: ${problems.join('; ')}`);
  }

  /** Velero's ListPlugins answer, in registration order (Velero runs actions in list order). */
  list(command: string): PluginIdentifier[] {
    return [
      ...[...this.backup.keys()].map((name) => ({ command, kind: BACKUP_ITEM_ACTION_V2, name })),
      ...[...this.restore.keys()].map((name) => ({ command, kind: RESTORE_ITEM_ACTION_V2, name })),
    ];
  }
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why Velero would reject this plugin name (and refuse to start), or undefined when it is valid. */
export function pluginNameProblem(name: string): string | undefined {
  const parts = name.split('/');
  if (parts.length !== 2) return 'must be <dns-subdomain>/<name> with exactly one "/"';
  const [prefix = '', rest = ''] = parts;
  if (prefix === '' || rest === '') return 'both parts around "/" must be non-empty';
  if (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))
    return `prefix ${JSON.stringify(prefix)} is not a DNS-1123 subdomain`;
  if (prefix === 'velero.io') return 'the velero.io prefix is reserved for Velero';
  return undefined;
}

export interface CommandContext {
  env: NodeJS.ProcessEnv;
  argv: readonly string[];
  execPath: string;
  /** True inside a Node single executable application. */
  isSingleExecutable: boolean;
}

/**
 * The path Velero stores from ListPlugins and execs to relaunch this plugin. It must start this same
 * binary however it was started: the launcher's override, else the single executable itself, else the
 * script node was given (Velero exec'd it through its shebang).
 */
export function pluginCommand(context: CommandContext): string {
  const override = context.env[PLUGIN_COMMAND_ENV];
  if (override) return override;
  if (context.isSingleExecutable) return context.execPath;
  const script = context.argv[1];
  return script ? resolve(script) : context.execPath;
}

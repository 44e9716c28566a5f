/**
 * `.velero-cm-preflight.yaml`: per-rule severities (or off), ignored paths, and context defaults.
 *
 *   rules:
 *     CMV021: off                # or error | warning | info; ids or names
 *     backup-label-selector: info
 *   ignorePaths: ["vendor/**", "examples/*.sh"]
 *   veleroVersion: 1.17.2
 *   veleroNamespace: velero
 *   clusterResourceNamespace: cert-manager
 *   pluginInstalled: true
 *   pluginImages: [registry.example.com/backup/cm-plugin]   # a renamed build of the plugin image
 */
import type { Severity } from './rules/types.js';

export type RuleSetting = Severity | 'off';

export interface PreflightConfig {
  rules: Record<string, RuleSetting>;
  ignorePaths: string[];
  veleroVersion?: string;
  veleroNamespace?: string;
  clusterResourceNamespace?: string;
  pluginInstalled?: boolean;
  /** Images that are this plugin under another repository name (as `--plugin-image`). */
  pluginImages?: string[];
  /** Where the config came from, for error messages. */
  source?: string;
}

export const CONFIG_FILE = '.velero-cm-preflight.yaml';

export class ConfigError extends Error {}

const SETTINGS = new Set(['error', 'warning', 'info', 'off']);

/** Validates a parsed YAML value as a config; throws ConfigError naming the bad key. */
export function configFromYaml(value: unknown, source: string): PreflightConfig {
  const config: PreflightConfig = { rules: {}, ignorePaths: [], source };
  if (value === null || value === undefined) return config;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new ConfigError(`${source}: the config must be a mapping`);
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    switch (key) {
      case 'rules':
        if (typeof v !== 'object' || v === null || Array.isArray(v))
          throw new ConfigError(`${source}: rules must be a mapping of rule id or name to error|warning|info|off`);
        for (const [rule, setting] of Object.entries(v as Record<string, unknown>)) {
          const s = setting === false ? 'off' : String(setting);
          if (!SETTINGS.has(s))
            throw new ConfigError(
              `${source}: rules.${rule}: "${String(setting)}" is not one of error, warning, info, off`,
            );
          config.rules[rule] = s as RuleSetting;
        }
        break;
      case 'ignorePaths':
        if (!Array.isArray(v) || v.some((p) => typeof p !== 'string'))
          throw new ConfigError(`${source}: ignorePaths must be a list of glob strings`);
        config.ignorePaths = v as string[];
        break;
      case 'veleroVersion':
      case 'veleroNamespace':
      case 'clusterResourceNamespace':
        if (typeof v !== 'string' && typeof v !== 'number') throw new ConfigError(`${source}: ${key} must be a string`);
        config[key] = String(v);
        break;
      case 'pluginInstalled':
        if (typeof v !== 'boolean') throw new ConfigError(`${source}: pluginInstalled must be true or false`);
        config.pluginInstalled = v;
        break;
      case 'pluginImages':
        if (!Array.isArray(v) || v.length === 0 || v.some((p) => typeof p !== 'string' || p.trim() === ''))
          throw new ConfigError(`${source}: pluginImages must be a list of image names (registry/repository[:tag])`);
        config.pluginImages = v as string[];
        break;
      default:
        throw new ConfigError(
          `${source}: unknown key "${key}" (known: rules, ignorePaths, veleroVersion, veleroNamespace, clusterResourceNamespace, pluginInstalled, pluginImages)`,
        );
    }
  }
  return config;
}

/** Path glob of ignorePaths: `**` spans directories, `*` and `?` do not. */
function pathGlob(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '*' && pattern[i + 1] === '*') {
      out += '.*';
      i++;
      if (pattern[i + 1] === '/') i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^(?:\\./)?${out}$`);
}

export function isIgnoredPath(path: string, config: PreflightConfig): boolean {
  const normal = path.replace(/\\/g, '/').replace(/^\.\//, '');
  return config.ignorePaths.some(
    (p) => pathGlob(p).test(normal) || pathGlob(`${p.replace(/\/$/, '')}/**`).test(normal),
  );
}

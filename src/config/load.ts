/**
 * Reading the configuration once per backup or restore. The source is the run's ClusterLookups (which
 * finds the ConfigMaps); the parsed result is cached per source object, so every item of a run shares
 * one read and one parse, and a new run (a new source) reads again.
 */
import {
  ConfigError,
  DEFAULT_CONFIG,
  parsePluginConfig,
  type ParseOptions,
  type PluginConfig,
} from './plugin-config.js';

/** What the loader needs from ClusterLookups (structurally: any ClusterLookups is a source). */
export interface PluginConfigSource {
  pluginConfig(actionName?: string): Promise<Record<string, string>>;
}

export interface LoadedConfig {
  config: PluginConfig;
  /** Worth one warning per run: unknown keys, or a source that could not be read (defaults used). */
  warnings: string[];
  /**
   * Set when a value is malformed: the configuration is then the built-in defaults, all of it (worth one
   * error per run). All, not just the bad key's: a broken configuration is not trusted with the rest
   * either, so in particular it never forces Secrets past the backup's filters.
   */
  error?: ConfigError;
}

const cache = new WeakMap<PluginConfigSource, Promise<LoadedConfig>>();

/**
 * The parsed configuration for this source. A malformed value yields the defaults and `error` (the
 * operator must fix it, but the backup goes on); a source that cannot be read yields the defaults plus a
 * warning, because an unreachable API server must not stop a backup.
 */
export function loadPluginConfig(source: PluginConfigSource, options: ParseOptions = {}): Promise<LoadedConfig> {
  let loaded = cache.get(source);
  if (!loaded) {
    loaded = readAndParse(source, options);
    cache.set(source, loaded);
  }
  return loaded;
}

async function readAndParse(source: PluginConfigSource, options: ParseOptions): Promise<LoadedConfig> {
  let data: Record<string, string>;
  try {
    data = await source.pluginConfig();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      config: DEFAULT_CONFIG,
      warnings: [`could not read the plugin configuration ConfigMap (${reason}); using the defaults`],
    };
  }
  try {
    return parsePluginConfig(data, options);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { config: DEFAULT_CONFIG, warnings: [], error };
  }
}

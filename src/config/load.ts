/**
 * Reading the configuration once per backup or restore. The source is the run's ClusterLookups (which
 * finds the ConfigMaps); the parsed result is cached per source object, so every item of a run shares
 * one read and one parse, and a new run (a new source) reads again.
 */
import { DEFAULT_CONFIG, parsePluginConfig, type ParseOptions, type PluginConfig } from './plugin-config.js';

/** What the loader needs from ClusterLookups (structurally: any ClusterLookups is a source). */
export interface PluginConfigSource {
  pluginConfig(actionName?: string): Promise<Record<string, string>>;
}

export interface LoadedConfig {
  config: PluginConfig;
  /** Worth one warning per run: unknown keys, or a source that could not be read (defaults used). */
  warnings: string[];
}

const cache = new WeakMap<PluginConfigSource, Promise<LoadedConfig>>();

/**
 * The parsed configuration for this source. Rejects with ConfigError when a value is malformed (the
 * operator must fix it); a source that cannot be read yields the defaults plus a warning, because an
 * unreachable API server must not stop a backup.
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
  return parsePluginConfig(data, options);
}

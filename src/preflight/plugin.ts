import { at } from './checked.js';
/** How the preflight recognises the cert-manager plugin in install lines, Deployments and ConfigMaps. */
export const PLUGIN_PREFIX = 'velero-plugin-for-cert-manager.dev';
/** The repository name every build of the plugin image carries, whatever registry it is pushed to. */
const PLUGIN_REPOSITORY_NAME = 'velero-plugin-for-cert-manager';
/** An example image reference for docs and fixes: users build and push the image to their own registry. */
export const PLUGIN_IMAGE = `REGISTRY/${PLUGIN_REPOSITORY_NAME}`;
export const PLUGIN_CONFIG_LABEL = 'velero.io/plugin-config';

/** The image without tag or digest: `ghcr.io/x/y:v1` -> `ghcr.io/x/y`; a registry port is not a tag. */
export function imageRepository(image: string): string {
  const noDigest = at(image.trim().split('@'), 0);
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > lastSlash ? noDigest.slice(0, colon) : noDigest;
}

/**
 * Whether an image is this plugin: its repository name ends in `velero-plugin-for-cert-manager`, from any
 * registry, with any tag or digest (the README has users build and push the image to their own registry).
 */
export function isOurPluginImage(image: string): boolean {
  return imageRepository(image).endsWith(PLUGIN_REPOSITORY_NAME);
}

/**
 * The plugin's images plus `renamed` ones (`--plugin-image`, config `pluginImages`), compared by repository and
 * matched on whole path segments from the right, so `team/cm-plugin` names `registry.example.com/team/cm-plugin:v1`.
 */
export function pluginImageRecogniser(renamed: readonly string[] = []): (image: string) => boolean {
  const wanted = renamed.map(imageRepository).filter((r) => r !== '');
  return (image) => {
    if (isOurPluginImage(image)) return true;
    const repository = imageRepository(image);
    return wanted.some((r) => repository === r || repository.endsWith(`/${r}`));
  };
}

/** A ConfigMap that configures our plugin: a label key under our prefix. */
export function isOurPluginConfig(labels: Record<string, string>): boolean {
  return Object.keys(labels).some((k) => k.startsWith(PLUGIN_PREFIX));
}

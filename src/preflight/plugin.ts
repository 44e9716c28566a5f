import { at } from './checked.js';
/** How the preflight recognises the cert-manager plugin in install lines, Deployments and ConfigMaps. */
export const PLUGIN_PREFIX = 'velero-plugin-for-cert-manager.dev';
export const PLUGIN_IMAGE = 'ghcr.io/velero-plugin-for-cert-manager/velero-plugin-for-cert-manager';
export const PLUGIN_CONFIG_LABEL = 'velero.io/plugin-config';

/** The image without tag or digest: `ghcr.io/x/y:v1` -> `ghcr.io/x/y`. */
function imageRepository(image: string): string {
  const noDigest = at(image.split('@'), 0);
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > lastSlash ? noDigest.slice(0, colon) : noDigest;
}

export function isOurPluginImage(image: string): boolean {
  return imageRepository(image) === PLUGIN_IMAGE;
}

/** A ConfigMap that configures our plugin: a label key under our prefix. */
export function isOurPluginConfig(labels: Record<string, string>): boolean {
  return Object.keys(labels).some((k) => k.startsWith(PLUGIN_PREFIX));
}

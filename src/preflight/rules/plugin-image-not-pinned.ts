import { PLUGIN_IMAGE, pluginImageRecogniser } from '../plugin.js';
import type { Rule } from './types.js';

export const rule: Rule = {
  meta: {
    id: 'CMV067',
    name: 'plugin-image-not-pinned',
    severity: 'warning',
    appliesTo: [
      'install --plugins',
      'plugin add',
      'Velero Deployment initContainers',
      'Helm chart values initContainers',
    ],
    summary: "The cert-manager plugin's image without a version tag (or with :latest).",
    why: 'The Velero pod may restart with a different plugin version than the one tested, in the middle of a backup schedule; restores then behave differently from what you checked.',
    fix: `Pin a version: ${PLUGIN_IMAGE}:vX.Y.Z (or a digest).`,
    links: [],
    examples: [
      {
        bad: `velero plugin add ${PLUGIN_IMAGE} --confirm`,
        good: `velero plugin add ${PLUGIN_IMAGE}:v0.1.0 --confirm`,
      },
    ],
  },
  check(subject, ctx) {
    const images = subject.install?.plugins ?? (subject.pluginImage ? [subject.pluginImage] : []);
    return images
      .filter(pluginImageRecogniser(ctx.pluginImages))
      .filter((img) => !img.includes('@') && (!/:[^/]+$/.test(img) || img.endsWith(':latest')))
      .map((img) => ({
        message: `plugin image "${img}" is not pinned to a version`,
        location: subject.fieldLocations.plugins ?? subject.location,
      }));
  },
};

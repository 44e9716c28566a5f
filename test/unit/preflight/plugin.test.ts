import { expect } from 'chai';
import { imageRepository, isOurPluginImage, pluginImageRecogniser } from '../../../src/preflight/plugin.js';
import { configFromYaml, ConfigError } from '../../../src/preflight/config.js';

describe('preflight plugin recognition: by repository name, from any registry', () => {
  it('strips tag and digest but keeps a registry port', () => {
    expect(imageRepository('ghcr.io/x/y:v1')).to.equal('ghcr.io/x/y');
    expect(imageRepository('registry.local:5000/team/y@sha256:abc')).to.equal('registry.local:5000/team/y');
    expect(imageRepository('registry.local:5000/team/y:v2@sha256:abc')).to.equal('registry.local:5000/team/y');
    expect(imageRepository('y')).to.equal('y');
  });

  for (const image of [
    'velero-plugin-for-cert-manager',
    'ghcr.io/velero-plugin-for-cert-manager/velero-plugin-for-cert-manager:v0.1.0',
    'registry.example.com:5000/platform/velero-plugin-for-cert-manager:v0.1.0',
    '123456789012.dkr.ecr.eu-west-1.amazonaws.com/velero-plugin-for-cert-manager@sha256:0123abcd',
    'quay.io/acme/backup/velero-plugin-for-cert-manager:latest',
  ])
    it(`recognises ${image}`, () => expect(isOurPluginImage(image)).to.equal(true));

  for (const image of [
    'velero/velero-plugin-for-aws:v1.13.0',
    'velero-plugin-for-cert-manager/other:v1',
    'ghcr.io/x/velero-plugin-for-cert-manager-fork-tools:v1',
    'registry/velero-plugin-for-cert-manager.dev:v1',
  ])
    it(`does not take ${image} for the plugin`, () => expect(isOurPluginImage(image)).to.equal(false));

  it('recognises a renamed image by its repository, on whole path segments', () => {
    const ours = pluginImageRecogniser(['backup/cm-plugin:v9']);
    expect(ours('registry.example.com/backup/cm-plugin:v1')).to.equal(true);
    expect(ours('backup/cm-plugin@sha256:00')).to.equal(true);
    expect(ours('registry.example.com/mybackup/cm-plugin:v1')).to.equal(false);
    expect(ours('registry.example.com/backup/cm-plugin-old:v1')).to.equal(false);
    expect(ours('ghcr.io/x/velero-plugin-for-cert-manager:v1')).to.equal(true);
    expect(pluginImageRecogniser()('registry.example.com/backup/cm-plugin:v1')).to.equal(false);
  });

  it('reads pluginImages from the config file and rejects anything but a list of names', () => {
    expect(configFromYaml({ pluginImages: ['r/x'] }, 'c.yaml').pluginImages).to.deep.equal(['r/x']);
    for (const bad of ['r/x', [], [''], [3]])
      expect(() => configFromYaml({ pluginImages: bad }, 'c.yaml')).to.throw(
        ConfigError,
        /pluginImages must be a list/,
      );
  });
});

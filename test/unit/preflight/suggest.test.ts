import { expect } from 'chai';
import { closestWord } from '../../../src/preflight/suggest.js';

describe('preflight suggestions (did you mean)', () => {
  it('suggests the nearest candidate within two edits', () => {
    expect(closestWord('include-namespace', ['include-namespaces', 'exclude-namespaces'])).to.equal(
      'include-namespaces',
    );
    expect(closestWord('--fial-on', ['--fail-on', '--format'])).to.equal('--fail-on');
    expect(closestWord('Include-Namespaces', ['include-namespaces'])).to.equal('include-namespaces');
  });

  it('suggests nothing for an unrelated word', () => {
    expect(closestWord('wibble', ['include-namespaces', 'ttl'])).to.equal(undefined);
    expect(closestWord('include-cluster-resource-scope', ['include-namespaces'])).to.equal(undefined);
  });
});

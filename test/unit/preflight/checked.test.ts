import { expect } from 'chai';
import { at, group, present } from '../../../src/preflight/checked.js';

describe('preflight/checked', () => {
  it('at returns the element in range and names the index and length out of range', () => {
    expect(at(['a', 'b'], 1)).to.equal('b');
    expect(at(new Uint8Array([7, 9]), 0)).to.equal(7);
    expect(() => at(['a'], 1)).to.throw(RangeError, 'index 1 is out of range (length 1)');
    expect(() => at(['a'], -1)).to.throw(RangeError, 'index -1 is out of range');
  });

  it('group returns a capture that took part (even empty) and throws for one that did not', () => {
    const m = /^(a)(b?)(c)?$/.exec('a');
    expect(m).to.not.equal(null);
    if (!m) return;
    expect(group(m, 1)).to.equal('a');
    expect(group(m, 2)).to.equal('');
    expect(() => group(m, 3)).to.throw('group 3 of the match "a" did not take part');
  });

  it('present passes a value through and names what is missing', () => {
    expect(present(0, 'zero')).to.equal(0);
    expect(() => present(undefined, 'the parsed command')).to.throw('internal error: the parsed command is missing');
  });
});

import { expect } from 'chai';
import {
  exclusionOf,
  includesEverything,
  matchesAnyEntry,
  resourceFilter,
  shouldInclude,
  type IncludesExcludes,
} from '../../../src/velero/filters.js';

const verbatim = (entry: string) => entry;

describe('velero/filters', () => {
  describe('matchesAnyEntry', () => {
    it('matches when any entry matches', () => {
      expect(matchesAnyEntry(['cert-manager', 'kube-*'], 'kube-system')).to.equal(true);
      expect(matchesAnyEntry(['cert-manager', 'kube-*'], 'default')).to.equal(false);
      expect(matchesAnyEntry([], 'default')).to.equal(false);
    });

    it('stops at the first entry (in sorted order) that does not compile, as Velero does', () => {
      expect(matchesAnyEntry(['kube-*', 'a['], 'kube-system'), "'a[' sorts first").to.equal(false);
      expect(matchesAnyEntry(['kube-*', 'z['], 'kube-system'), "'z[' sorts last").to.equal(true);
    });

    it('sorts by code point as Go does, not by UTF-16 unit', () => {
      // U+FFFF sorts before U+1F600 by code point, after its surrogate pair by UTF-16 unit.
      expect(matchesAnyEntry(['\u{1F600}[', '\uFFFF*'], '\uFFFFx')).to.equal(true);
      expect(matchesAnyEntry(['\u{1F600}*', '\uFFFF['], '\u{1F600}x')).to.equal(false);
    });
  });

  describe('shouldInclude and exclusionOf', () => {
    const cases: { filter: IncludesExcludes; value: string; kept: boolean; why?: 'excluded' | 'not-included' }[] = [
      { filter: { includes: [], excludes: [] }, value: 'a', kept: true },
      { filter: { includes: ['*'], excludes: [] }, value: 'a', kept: true },
      { filter: { includes: ['a', 'b'], excludes: [] }, value: 'a', kept: true },
      { filter: { includes: ['b'], excludes: [] }, value: 'a', kept: false, why: 'not-included' },
      { filter: { includes: ['*'], excludes: ['a'] }, value: 'a', kept: false, why: 'excluded' },
      { filter: { includes: ['a'], excludes: ['a'] }, value: 'a', kept: false, why: 'excluded' },
      { filter: { includes: [], excludes: ['kube-*'] }, value: 'kube-system', kept: false, why: 'excluded' },
      { filter: { includes: [], excludes: ['kube-*'] }, value: 'cert-manager', kept: true },
      { filter: { includes: ['{team,ops}-*'], excludes: [] }, value: 'ops-1', kept: true },
      { filter: { includes: [''], excludes: [] }, value: 'a', kept: false, why: 'not-included' },
    ];
    for (const c of cases) {
      it(`${JSON.stringify(c.filter)} ${c.kept ? 'keeps' : 'drops'} ${c.value}`, () => {
        expect(shouldInclude(c.filter, c.value)).to.equal(c.kept);
        expect(exclusionOf(c.filter, c.value)).to.equal(c.why);
      });
    }
  });

  it('includesEverything: no excludes and no includes or only * (a set: repeats do not count)', () => {
    expect(includesEverything({ includes: [], excludes: [] })).to.equal(true);
    expect(includesEverything({ includes: ['*'], excludes: [] })).to.equal(true);
    expect(includesEverything({ includes: ['*', '*'], excludes: [] })).to.equal(true);
    expect(includesEverything({ includes: ['*'], excludes: ['kube-system'] })).to.equal(false);
    expect(includesEverything({ includes: ['a'], excludes: [] })).to.equal(false);
    expect(includesEverything({ includes: ['*', 'a'], excludes: [] })).to.equal(false);
  });

  describe('resourceFilter', () => {
    it('resolves every entry but *, and leaves out what resolves to ""', () => {
      const resolve = (entry: string) => (entry === 'secret' ? 'secrets' : entry === 'clusterissuers' ? '' : entry);
      const filter = resourceFilter(['*', 'secret', 'clusterissuers'], ['Sec*'], resolve, 'scoped');
      expect(filter).to.deep.equal({ includes: ['*', 'secrets'], excludes: ['Sec*'] });
    });

    it('ignores * among old-style excludes and keeps it among scoped ones', () => {
      expect(resourceFilter([], ['*'], verbatim, 'old')).to.deep.equal({ includes: [], excludes: [] });
      const scoped = resourceFilter([], ['*'], verbatim, 'scoped');
      expect(scoped).to.deep.equal({ includes: [], excludes: ['*'] });
      expect(shouldInclude(scoped, 'secrets')).to.equal(false);
    });

    it('an include list emptied by resolution includes everything again', () => {
      const filter = resourceFilter(['clusterissuers.cert-manager.io'], [], () => '', 'scoped');
      expect(shouldInclude(filter, 'secrets')).to.equal(true);
    });
  });
});

import { expect } from 'chai';
import { labelSelectorFlagProblem, parseLabelSelector } from '../../../src/velero/label-selector.js';

/**
 * The verdicts are the real velero v1.18.3 binary's: `velero backup create b --selector S` either failed with
 * `invalid argument "S" for "-l, --selector" flag` or went on to contact the cluster (run against an unreachable
 * API server, 2026-12-06). The selectors are the docs' and kubectl habits (`!=`, `:`, spaces, trailing commas).
 */
const ACCEPTED = [
  'app=nginx',
  'app==nginx',
  'app',
  '!app',
  'app in (a,b)',
  'app notin (a)',
  'app in ()',
  'app in (,)',
  'app in (a,,b)',
  'app=',
  'app=a,b=c',
  'app=a, b=c',
  'app = a',
  'a/b=c',
  'example.com/x=y',
  'app notin ()',
  'in=x',
  'x in (in)',
  'app=Nginx_1.2',
  'x=in',
  'velero.io/schedule-name=daily',
  'backup notin (ignore)',
  'environment in (production, qa)',
  'tier notin (frontend, backend)',
  'partition',
  '!partition',
];
const REFUSED = [
  'app!=nginx',
  'app in a',
  'A.b/c=d',
  'a//b=c',
  '-a=b',
  'a-=b',
  'app=a b',
  'app=a,',
  'app=a,,b=c',
  ',app',
  'app in (a b)',
  '!app=x',
  'a>1',
  'a<x',
  'app: nginx',
  'app=nginx-',
  'app=a)',
  '(app)',
  'app=a;b=c',
  'app=*',
];

describe('velero/label-selector: selectors as Velero reads them', () => {
  for (const selector of ACCEPTED)
    it(`accepts ${JSON.stringify(selector)}`, () => expect(labelSelectorFlagProblem(selector)).to.equal(undefined));
  for (const selector of REFUSED)
    it(`refuses ${JSON.stringify(selector)}`, () => expect(labelSelectorFlagProblem(selector)).to.be.a('string'));

  it("words the errors as apimachinery's parser and Velero's flag do", () => {
    expect(labelSelectorFlagProblem('app in x')).to.equal(
      `couldn't parse the selector string "app in x": unable to parse requirement: found 'x' expected: '('`,
    );
    expect(labelSelectorFlagProblem('app!=nginx')).to.equal('"!=" is not a valid label selector operator');
    expect(labelSelectorFlagProblem('a>1')).to.equal(`"gt" isn't supported in label selectors`);
  });

  it('keeps `!=` and `>` for the string selectors of get and describe (labels.Parse)', () => {
    expect(parseLabelSelector('app!=nginx,tier')).to.deep.equal({
      requirements: [
        { key: 'app', operator: '!=', values: ['nginx'] },
        { key: 'tier', operator: 'exists', values: [] },
      ],
    });
    expect(parseLabelSelector('a>1')).to.deep.equal({ requirements: [{ key: 'a', operator: 'gt', values: ['1'] }] });
    expect(parseLabelSelector('x in (in, notin)')).to.deep.equal({
      requirements: [{ key: 'x', operator: 'in', values: ['in', 'notin'] }],
    });
    expect(parseLabelSelector('')).to.deep.equal({ requirements: [] });
  });
});

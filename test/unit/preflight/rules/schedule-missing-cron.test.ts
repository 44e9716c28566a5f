import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import {
  cronParserFor,
  cronProblem,
  cronSurprise,
  type CronParser,
} from '../../../../src/preflight/rules/schedule-missing-cron.js';
import { parseVersion } from '../../../../src/preflight/version.js';

const version = (text: string) => {
  const v = parseVersion(text);
  if (!v) throw new Error(text);
  return v;
};

// Sources: Velero's schedule controller calls cron.ParseStandard (pkg/controller/schedule_controller.go); go.mod pins
// robfig/cron v3.0.1 up to the v1.18.2 tag and netresearch/go-cron v0.15.0 at v1.18.3 (both read via the Go module
// proxy). robfig v3 parser.go: exactly five fields, weekday 0-6, start <= end. go-cron v0.15.0 parser.go/spec.go:
// weekday bounds 0-7 (7 folded into Sunday), cyclic fields (wrap-around ranges), step < range size, @every >= 1s,
// quoted TZ values, @triggered/@manual/@none, MaxSpecLength 1024, AND of day of month and weekday.
describe('preflight CMV018: schedules as Velero parses them', () => {
  it('picks robfig/cron up to 1.18.2 and go-cron from 1.18.3', () => {
    expect(cronParserFor(version('1.18.2'))).to.equal('robfig');
    expect(cronParserFor(version('1.16.2'))).to.equal('robfig');
    expect(cronParserFor(version('1.18.3'))).to.equal('go-cron');
  });

  // Velero up to v1.14.x pins github.com/robfig/cron v1.1.0 (go.mod at v1.14.1; v3 from v1.15.0). Its Parser.Parse
  // splits the whole spec with strings.Fields and has no time zone prefix, so Velero issue 8224 (v1.14.1) saw
  // `CRON_TZ=America/New_York 0 3 * * *` fail with "Expected exactly 5 fields, found 6".
  it('knows robfig/cron v1 (Velero up to 1.14) takes no CRON_TZ/TZ prefix', () => {
    expect(cronParserFor(version('1.14.1'))).to.equal('robfig-v1');
    expect(cronParserFor(version('1.15.0'))).to.equal('robfig');
    expect(cronProblem('CRON_TZ=America/New_York 0 3 * * *', 'robfig-v1')).to.contain('found 6');
    expect(cronProblem('TZ=Asia/Shanghai 0 3 * * *', 'robfig-v1')).to.contain('found 6');
    expect(cronProblem('0 3 * * *', 'robfig-v1')).to.equal(undefined);
    expect(cronProblem('@every 24h', 'robfig-v1')).to.equal(undefined);
    expect(cronProblem('@every 1d', 'robfig-v1')).to.contain('Go duration');
  });

  const both: CronParser[] = ['robfig', 'go-cron'];
  for (const ok of [
    '0 3 * * *', // Velero docs backup-reference.md
    'CRON_TZ=America/New_York 0 3 * * *', // Velero docs v1.15+ backup-reference.md
    'TZ=Asia/Shanghai 0 3 * * *',
    '0 */6 * * *', // velero create schedule --help
    '@every 6h',
    '@every 168h',
    '@daily',
    '0 3 * * 1',
    '*/15 0-6,20-23 * jan-jun mon-fri',
    '0 0 ? * SUN',
    '0 1,,2 * * *', // strings.FieldsFunc drops the empty part in both parsers
  ])
    for (const parser of both) it(`${parser} accepts ${ok}`, () => expect(cronProblem(ok, parser)).to.equal(undefined));

  for (const [bad, why] of [
    ['@every 1d', 'Go duration'],
    ['@every 7d', 'Go duration'],
    ['0 24 * * *', 'outside 0-23'],
    ['0 3 * *', 'exactly 5 fields'],
    ['0 0 3 * * *', 'exactly 5 fields'], // 6-field seconds: ParseStandard has no seconds field in either
    ['@weekly-ish', 'descriptor'],
    ['*/0 * * * *', 'step of zero'],
    ['0 0 L * *', 'not a number'], // L/W/#/H need options the standard parser does not set
    ['0 0 * * 5#3', 'not a number'],
    ['', 'empty'],
  ] as const)
    for (const parser of both)
      it(`${parser} rejects "${bad}" (${why})`, () => expect(cronProblem(bad, parser)).to.contain(why));

  // Where the two parsers differ (robfig verdict, go-cron verdict).
  for (const [spec, robfig, goCron] of [
    ['0 3 * * 7', 'outside 0-6', undefined], // go-cron dow bounds 0-7
    ['0 3 * * 5-7', 'outside 0-6', undefined],
    ['0 22-2 * * *', 'starts after it ends', undefined], // go-cron hours are cyclic
    ['0 3 * * fri-mon', 'starts after it ends', undefined],
    ['0 3 1 nov-feb *', 'starts after it ends', undefined],
    ['*/60 * * * *', undefined, 'not less than'], // go-cron: step must be smaller than the range (60)
    ['0 */24 * * *', undefined, 'not less than'],
    ['@every 500ms', undefined, 'minimum of 1s'], // robfig rounds up to 1s
    ['TZ="Europe/Berlin" 0 3 * * *', 'time zone', undefined], // go-cron strips matching quotes
    ['@manual', 'descriptor', undefined],
    ['CRON_TZ= 0 3 * * *', undefined, 'time zone'], // robfig: time.LoadLocation("") is UTC
    ['@triggered', 'descriptor', undefined],
    [`0 ${'0,'.repeat(520)}0 * * *`, undefined, 'longer than 1024'],
  ] as const) {
    it(`robfig: "${spec.slice(0, 40)}" → ${robfig ?? 'valid'}`, () => {
      if (robfig === undefined) expect(cronProblem(spec, 'robfig')).to.equal(undefined);
      else expect(cronProblem(spec, 'robfig')).to.contain(robfig);
    });
    it(`go-cron: "${spec.slice(0, 40)}" → ${goCron ?? 'valid'}`, () => {
      if (goCron === undefined) expect(cronProblem(spec, 'go-cron')).to.equal(undefined);
      else expect(cronProblem(spec, 'go-cron')).to.contain(goCron);
    });
  }

  it('go-cron @manual parses into a schedule Velero always finds due (TriggeredSchedule.Next is the zero time)', () => {
    expect(cronSurprise('@manual', 'go-cron')?.message).to.contain('always due');
    expect(cronSurprise('@manual', 'go-cron')?.severity).to.equal(undefined);
  });
  it('go-cron ANDs day of month and weekday, robfig ORs them: a warning on 1.18.3+ only', () => {
    expect(cronSurprise('0 3 1 * 1', 'go-cron')).to.include({ severity: 'warning' });
    expect(cronSurprise('0 3 1 * 1', 'robfig')).to.equal(undefined);
    expect(cronSurprise('0 3 1 * *', 'go-cron')).to.equal(undefined);
    expect(cronSurprise('0 3 * * 1', 'go-cron')).to.equal(undefined);
  });

  // The verdicts of the real parsers (recorded by test/unit/preflight/rules/cron/main.go from cron-specs.txt):
  // the model must accept exactly what each accepts.
  const recorded = JSON.parse(
    readFileSync(new URL('../../../../../test/unit/preflight/rules/cron-cases.json', import.meta.url), 'utf8'),
  ) as { spec: string; robfig: string; goCron: string }[];
  for (const { spec, robfig, goCron } of recorded)
    it(`agrees with both real parsers on ${JSON.stringify(spec.slice(0, 48))}`, () => {
      expect(cronProblem(spec, 'robfig') === undefined, `robfig: ${robfig || 'accepts'}`).to.equal(robfig === '');
      expect(cronProblem(spec, 'go-cron') === undefined, `go-cron: ${goCron || 'accepts'}`).to.equal(goCron === '');
    });
});

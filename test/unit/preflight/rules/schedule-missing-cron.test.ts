import { expect } from 'chai';
import { cronProblem } from '../../../../src/preflight/rules/schedule-missing-cron.js';

// robfig/cron v3 ParseStandard, which Velero's schedule controller calls (parser.go: optional TZ prefix, descriptors,
// exactly five fields with minute 0-59, hour 0-23, day 1-31, month 1-12 or jan-dec, weekday 0-6 or sun-sat).
describe('preflight CMV018: schedules as robfig/cron v3 parses them', () => {
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
  ])
    it(`accepts ${ok}`, () => expect(cronProblem(ok)).to.equal(undefined));
  for (const [bad, why] of [
    ['@every 1d', 'Go duration'],
    ['@every 7d', 'Go duration'],
    ['0 3 * * 7', 'outside 0-6'],
    ['0 24 * * *', 'outside 0-23'],
    ['0 3 * *', 'exactly 5 fields'],
    ['0 0 3 * * *', 'exactly 5 fields'],
    ['@weekly-ish', 'descriptor'],
    ['*/0 * * * *', 'step of zero'],
    ['5-1 * * * *', 'starts after it ends'],
    ['CRON_TZ= 0 3 * * *', 'time zone'],
    ['', 'empty'],
  ] as const)
    it(`rejects "${bad}" (${why})`, () => expect(cronProblem(bad)).to.contain(why));
});

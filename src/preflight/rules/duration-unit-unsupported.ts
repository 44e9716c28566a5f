import { parseGoDuration } from '../parse/pflag.js';
import type { Rule, RuleReport } from './types.js';
import { fieldLocation, tokenLocation } from './helpers.js';
import { at } from '../checked.js';

/** Converts day/week durations to hours, which Go's ParseDuration understands. */
function toGoDuration(text: string): string | undefined {
  const m = /^(\d+)(d|w)$/.exec(text);
  if (!m) return undefined;
  return `${Number(m[1]) * (m[2] === 'd' ? 24 : 168)}h`;
}

/** A number with a unit: the shape this rule is about (other garbage is invalid-flag-value's). */
export function looksLikeDuration(text: string): boolean {
  return /^[-+]?[\d.]+[A-Za-zµμ]/.test(text);
}

export const rule: Rule = {
  meta: {
    id: 'CMV009',
    name: 'duration-unit-unsupported',
    severity: 'error',
    catalogue: 'A9',
    appliesTo: ['backup create', 'schedule create', 'restore create', 'install', 'Backup and Schedule manifests (ttl)'],
    summary: 'A duration with a unit Go does not know (`30d`, `1w`): only ns, us, ms, s, m and h exist.',
    why: 'The CLI fails with `time: invalid duration`; in a manifest the object is rejected by the API server. Nothing is backed up on schedule.',
    fix: 'Convert to hours: `--ttl=720h`.',
    links: ['https://pkg.go.dev/time#ParseDuration'],
    examples: [{ bad: 'velero backup create b --ttl 30d', good: 'velero backup create b --ttl=720h' }],
  },
  check(subject) {
    const out: RuleReport[] = [];
    const parsed = subject.command;
    if (parsed) {
      for (const use of parsed.uses) {
        if (
          use.flag.type !== 'duration' ||
          use.unknownValue ||
          !looksLikeDuration(use.value) ||
          parseGoDuration(use.value) !== undefined
        )
          continue;
        const fixed = toGoDuration(use.value);
        out.push({
          message: `${use.written} ${use.value} is not a Go duration (units: ns, us, ms, s, m, h); velero fails: time: invalid duration "${use.value}"`,
          location: tokenLocation(subject, use.tokenIndex),
          fix: fixed ? `${use.written}=${fixed}` : 'use h, m or s units',
          ...(fixed && at(parsed.tokens, use.tokenIndex).text.startsWith(use.written)
            ? {
                edits: [
                  {
                    start: use.tokenIndex,
                    end: (use.valueTokenIndex ?? use.tokenIndex) + 1,
                    tokens: [`${use.written}=${fixed}`],
                  },
                ],
              }
            : {}),
        });
      }
      return out;
    }
    const ttl = subject.backup?.ttl;
    if (ttl !== undefined && parseGoDuration(ttl) === undefined) {
      const fixed = toGoDuration(ttl);
      out.push({
        message: `ttl "${ttl}" is not a Go duration (units: ns, us, ms, s, m, h)`,
        location: fieldLocation(subject, 'ttl'),
        fix: fixed ? `ttl: ${fixed}` : 'use h, m or s units',
      });
    }
    return out;
  },
};

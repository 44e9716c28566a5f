import type { Rule } from './types.js';
import { tokenLocation } from './helpers.js';
import { looksLikeDuration } from './duration-unit-unsupported.js';

export const rule: Rule = {
  meta: {
    id: 'CMV003',
    name: 'invalid-flag-value',
    severity: 'error',
    appliesTo: ['every velero command line'],
    summary:
      'A flag value velero cannot parse: a boolean that is not true/false/1/0/t/f, a non-integer, a map entry without `=`, an enum value in the wrong case.',
    why: 'The command fails at parse time (`invalid argument ... for ... flag`), so nothing runs.',
    fix: 'Use the type the flag expects: Go booleans, integers, `k=v` pairs (`src:dst` for --namespace-mappings), exact enum values.',
    links: ['https://pkg.go.dev/strconv#ParseBool'],
    examples: [
      {
        bad: 'velero restore create --from-backup b --include-cluster-resources=yes',
        good: 'velero restore create --from-backup b --include-cluster-resources=true',
      },
    ],
  },
  check(subject) {
    const parsed = subject.command;
    if (!parsed) return [];
    return parsed.errors
      .filter(
        (e) =>
          e.code === 'invalid-value' &&
          !(
            e.message.includes('time: invalid duration') &&
            looksLikeDuration(
              parsed.uses.find((u) => u.tokenIndex === e.tokenIndex && u.flag.name === e.flag)?.value ?? '',
            )
          ),
      )
      .map((e) => ({ message: `velero fails: ${e.message}`, location: tokenLocation(subject, e.tokenIndex) }));
  },
};

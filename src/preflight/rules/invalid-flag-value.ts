import type { Rule } from './types.js';
import { tokenLocation } from './helpers.js';
import { looksLikeDuration } from './duration-unit-unsupported.js';
import { lastUse, parseGoBool, type ParsedCommand } from '../parse/pflag.js';
import { versionAtLeast, type Version } from '../version.js';

/**
 * `velero install --uploader-type`, as install's Validate checks it (uploader.ValidateUploaderType, value trimmed):
 * restic or kopia up to Velero 1.16, kopia only from 1.17 (pkg/uploader/types.go at v1.16.2 and v1.17.2). From 1.13
 * Validate returns before this check with --crds-only (install.go at v1.12.4 checked the uploader type first).
 */
function uploaderTypeProblem(
  parsed: ParsedCommand,
  version: Version,
): { message: string; tokenIndex: number } | undefined {
  if (parsed.command?.name !== 'install') return undefined;
  // From 1.13 Validate returns for --crds-only before this check; 1.12 checked the uploader type first.
  const crdsOnly = lastUse(parsed, 'crds-only');
  if (crdsOnly && parseGoBool(crdsOnly.value) === true && versionAtLeast(version, '1.13.0')) return undefined;
  const use = lastUse(parsed, 'uploader-type');
  if (!use || use.unknownValue) return undefined;
  const valid = versionAtLeast(version, '1.17.0') ? ['kopia'] : ['restic', 'kopia'];
  if (valid.includes(use.value.trim())) return undefined;
  return {
    message: `velero fails: invalid uploader type '${use.value}', valid: ${valid.map((v) => `'${v}'`).join(', ')}${valid.length === 1 ? ' (Velero 1.17 removed the restic uploader)' : ''}`,
    tokenIndex: use.tokenIndex,
  };
}

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
  check(subject, ctx) {
    const parsed = subject.command;
    if (!parsed) return [];
    const reports = parsed.errors
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
    // Validate runs only on a command line that parses.
    const uploader = parsed.errors.length === 0 ? uploaderTypeProblem(parsed, ctx.veleroVersion) : undefined;
    return uploader
      ? [...reports, { message: uploader.message, location: tokenLocation(subject, uploader.tokenIndex) }]
      : reports;
  },
};

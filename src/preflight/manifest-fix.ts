/**
 * One fix per manifest object: the spec changes of every finding on a Backup, Schedule or Restore are applied
 * together and the object's fixed spec is printed once, as YAML. Like --fix for command lines it applies changes,
 * lints again and repeats (bounded), so two rules that each extend the same list (`excludedResources`) end in one
 * list holding both additions instead of two fixes that contradict each other.
 */
import { backupSpecFrom, restoreSpecFrom } from './manifest-spec.js';
import type { Finding, FixedSpec, SpecChanges } from './rules/types.js';
import type { Subject } from './spec.js';

const MAX_ROUNDS = 40;

function withChanges(subject: Subject, changes: SpecChanges): Subject {
  const manifest = subject.manifestSpec;
  if (!manifest) return subject;
  // Changed fields keep their place, new ones come last, a `null` change drops the field.
  const value = Object.fromEntries(
    [...Object.entries(manifest.value), ...Object.entries(changes).filter(([k]) => !(k in manifest.value))]
      .map(([k, v]): [string, unknown] => [k, k in changes ? changes[k] : v])
      .filter(([, v]) => v !== null),
  );
  const next: Subject = { ...subject, manifestSpec: { path: manifest.path, value } };
  if (subject.backup) next.backup = backupSpecFrom(value);
  if (subject.restore) next.restore = restoreSpecFrom(value);
  return next;
}

export interface ManifestFix {
  /** The object's spec with every applied change, and where it sits in its document. */
  spec: FixedSpec;
  applied: Finding[];
  remaining: Finding[];
}

/** The merged fix of one manifest object, or undefined when none of its findings changes its spec. */
function fixManifestSubject(
  subject: Subject,
  findings: readonly Finding[],
  lint: (s: Subject) => Finding[],
): ManifestFix | undefined {
  if (!subject.manifestSpec || !findings.some((f) => f.fix?.specChanges)) return undefined;
  let current = subject;
  let remaining: Finding[] = [...findings];
  const applied: Finding[] = [];
  const key = (s: Subject) => JSON.stringify(s.manifestSpec?.value);
  const seen = new Set<string>([key(current)]);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    // Findings of one lint that change different fields are applied together (one lint per round, not per
    // finding: files of thousands of objects stay fast); a second change of a field waits for the next lint,
    // which sees the first.
    const touched = new Set<string>();
    for (const f of remaining) {
      const changes = f.fix?.specChanges;
      if (!changes || Object.keys(changes).some((k) => touched.has(k))) continue;
      const candidate = withChanges(current, changes);
      if (seen.has(key(candidate))) continue;
      seen.add(key(candidate));
      for (const k of Object.keys(changes)) touched.add(k);
      applied.push(f);
      current = candidate;
    }
    if (!touched.size) break;
    remaining = lint(current);
  }
  if (!applied.length || !current.manifestSpec) return undefined;
  return { spec: current.manifestSpec, applied, remaining };
}

/** Gives every finding of the object that changes its spec the object's one merged fix. */
export function attachManifestFix(
  subject: Subject,
  findings: readonly Finding[],
  lint: (s: Subject) => Finding[],
): void {
  const fixed = fixManifestSubject(subject, findings, lint);
  if (!fixed) return;
  for (const f of findings) if (f.fix?.specChanges) f.fix.fixedSpec = fixed.spec;
}

/**
 * --fix for command lines: lint, apply the edits of the first fixable finding, parse again, repeat until
 * nothing fixable remains (bounded). Re-linting after every single edit keeps overlapping fixes correct.
 */
import type { PreflightConfig } from './config.js';
import { lintSubject } from './engine.js';
import { parseVeleroArgv, type SourceLocation, type Token } from './parse/pflag.js';
import { subjectFromCommand } from './resolve.js';
import type { Finding, TokenEdit } from './rules/types.js';
import type { LintContext, Subject, Suppression } from './spec.js';
import { shellQuote } from './parse/shell.js';

/** Applies edits to tokens; untouched tokens keep their raw source text and unknown marks. */
function applyTokenEdits(tokens: readonly Token[], edits: readonly TokenEdit[]): Token[] {
  // Apply from the end so earlier indexes stay valid; edits of one finding never overlap.
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  const out = [...tokens];
  for (const e of sorted) out.splice(e.start, e.end - e.start, ...e.tokens.map((text) => ({ text })));
  return out;
}

export interface FixResult {
  argv: string[];
  applied: Finding[];
  remaining: Finding[];
}

const MAX_ROUNDS = 40;

export function lintArgv(
  argv: readonly string[],
  ctx: LintContext,
  config?: PreflightConfig,
  location: SourceLocation = { line: 1, column: 1 },
  suppressions: Suppression[] = [],
): { subject: Subject; findings: Finding[] } {
  return lintTokens(
    argv.map((text, i) => ({ text, loc: { ...location, column: i + 1 } })),
    ctx,
    config,
    location,
    suppressions,
  );
}

function lintTokens(
  tokens: Token[],
  ctx: LintContext,
  config?: PreflightConfig,
  location: SourceLocation = { line: 1, column: 1 },
  suppressions: Suppression[] = [],
): { subject: Subject; findings: Finding[] } {
  const parsed = parseVeleroArgv(tokens, { version: ctx.veleroVersion });
  const subject = subjectFromCommand(parsed, location);
  subject.suppressions = suppressions;
  return { subject, findings: lintSubject(subject, ctx, config) };
}

/** Fixes a plain argv (every word known). */
export function fixArgv(
  argv: readonly string[],
  ctx: LintContext,
  config?: PreflightConfig,
  suppressions: Suppression[] = [],
): FixResult {
  const result = fixTokens(
    argv.map((text) => ({ text })),
    ctx,
    config,
    suppressions,
  );
  return { argv: result.tokens.map((t) => t.text), applied: result.applied, remaining: result.remaining };
}

/** Fixes tokens from a file: words with shell expansions stay as written (rules never edit them). */
export function fixTokens(
  tokens: readonly Token[],
  ctx: LintContext,
  config?: PreflightConfig,
  suppressions: Suppression[] = [],
): { tokens: Token[]; applied: Finding[]; remaining: Finding[] } {
  let current = tokens.map((t) => ({ ...t }));
  const applied: Finding[] = [];
  const key = (ts: Token[]) => JSON.stringify(ts.map((t) => t.text));
  const seen = new Set<string>([key(current)]);
  const lint = (ts: Token[]) =>
    lintTokens(
      ts.map((t, i) => ({ ...t, loc: { line: 1, column: i + 1 } })),
      ctx,
      config,
      undefined,
      suppressions,
    ).findings;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const findings = lint(current);
    const next = findings.find((f) => f.fix?.edits && f.fix.edits.length > 0);
    if (!next?.fix?.edits) return { tokens: current, applied, remaining: findings };
    const candidate = applyTokenEdits(current, next.fix.edits);
    if (seen.has(key(candidate))) return { tokens: current, applied, remaining: findings };
    seen.add(key(candidate));
    applied.push(next);
    current = candidate;
  }
  return { tokens: current, applied, remaining: lint(current) };
}

/** Renders fixed tokens for a POSIX shell: untouched words keep their source text, new ones are quoted. */
export function renderTokens(tokens: readonly Token[]): string {
  return tokens.map((t) => t.raw ?? shellQuote(t.text)).join(' ');
}

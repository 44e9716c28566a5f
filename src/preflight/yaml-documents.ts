/**
 * The documents of a multi-document YAML text as it arrives, chunk by chunk: only the document being read (and the
 * chunk after it) is ever held, so a file of tens of thousands of manifests takes the memory of its largest one.
 *
 * A document ends at a line that starts (column 1) with `---` or `...` followed by white space or the line's end,
 * the YAML spec's document markers. YAML forbids such a line inside any scalar of a document (`c-forbidden`), and a
 * block scalar's lines (`run: |`) are indented past their key, so a marker-looking line inside one (`  ---`) is
 * content and never splits; no scalar state is needed to split correctly.
 */

export interface YamlDocument {
  text: string;
  /** 1-based line of the document's first line in the file. */
  line: number;
  /** Offset of the document's first character in the file's text (UTF-16 code units, as a string index). */
  offset: number;
}

/** A document longer than the limit given: skipped whole (to its next marker), never held. */
export interface OversizedDocument {
  oversized: true;
  line: number;
}

const DASH = 0x2d;
const DOT = 0x2e;

/** `---` or `...` at `at`, followed by white space or the end of the line. */
function markerAt(text: string, at: number, lineEnd: number): '---' | '...' | undefined {
  const c = text.charCodeAt(at);
  if (c !== DASH && c !== DOT) return undefined;
  if (text.charCodeAt(at + 1) !== c || text.charCodeAt(at + 2) !== c) return undefined;
  if (at + 3 < lineEnd && !/\s/.test(text.charAt(at + 3))) return undefined;
  if (at + 3 > lineEnd) return undefined;
  return c === DASH ? '---' : '...';
}

/** Whether a `---` line carries a node after the marker (`--- |`, `--- {a: 1}`), which belongs to the document. */
function carriesContent(text: string, at: number, lineEnd: number): boolean {
  const rest = text.slice(at + 3, lineEnd).trim();
  return rest !== '' && !rest.startsWith('#');
}

/**
 * Splits the text given as `chunks` into documents. A document over `maxChars` characters is reported as
 * oversized and skipped to its next marker, without holding it. An empty document (two markers in a row, a marker
 * at the end) yields nothing.
 */
export function* yamlDocuments(
  chunks: Iterable<string>,
  maxChars = Number.POSITIVE_INFINITY,
): Generator<YamlDocument | OversizedDocument> {
  // The text from the current document's start on (while skipping: from the current line's start on).
  let buffer = '';
  let bufferOffset = 0;
  let docLine = 1;
  let skipping = false;
  // While skipping, the current line is already known not to be a marker: drop it up to its end.
  let droppingLine = false;
  // The start of the next line to look at in `buffer`, and its line in the file.
  let scan = 0;
  let line = 1;

  /** Forgets the buffer before `at`. */
  const rebase = (at: number) => {
    buffer = buffer.slice(at);
    bufferOffset += at;
    scan -= at;
  };

  /** Looks at each line that is complete (and, at the end, at the last one): markers end documents. */
  function* scanLines(final: boolean): Generator<YamlDocument | OversizedDocument> {
    for (;;) {
      const nl = buffer.indexOf('\n', scan);
      if (nl < 0 && (!final || scan >= buffer.length)) return;
      const lineStart = scan;
      const lineEnd = nl < 0 ? buffer.length : nl;
      const marker = droppingLine ? undefined : markerAt(buffer, lineStart, lineEnd);
      droppingLine = false;
      scan = nl < 0 ? buffer.length : nl + 1;
      line++;
      if (marker) {
        // The document ends before the newline that precedes its marker line.
        if (!skipping && lineStart > 0)
          yield { text: buffer.slice(0, lineStart - 1), line: docLine, offset: bufferOffset };
        skipping = false;
        if (marker === '---' && carriesContent(buffer, lineStart, lineEnd)) {
          rebase(lineStart);
          docLine = line - 1;
        } else {
          rebase(scan);
          docLine = line;
        }
      } else if (skipping) rebase(scan);
      else if (scan > maxChars) {
        yield { oversized: true, line: docLine };
        skipping = true;
        rebase(scan);
      }
    }
  }

  for (let chunk of chunks) {
    if (droppingLine) {
      const nl = chunk.indexOf('\n');
      // The rest of the dropped line goes; its newline stays so the line is counted once.
      bufferOffset += nl < 0 ? chunk.length : nl;
      if (nl < 0) continue;
      chunk = chunk.slice(nl);
    }
    buffer += chunk;
    yield* scanLines(false);
    if (!skipping && buffer.length > maxChars) {
      // A line longer than the limit: the document cannot fit whatever follows.
      yield { oversized: true, line: docLine };
      skipping = true;
      rebase(scan);
    }
    if (skipping && !droppingLine && buffer.length - scan > 3 && !markerAt(buffer, scan, buffer.length)) {
      // The unfinished line is not a marker (a marker line is `---` or `...` and white space): drop it.
      droppingLine = true;
      rebase(buffer.length);
    }
  }
  yield* scanLines(true);
  if (!skipping && buffer.length > 0) yield { text: buffer, line: docLine, offset: bufferOffset };
}

export function isOversized(doc: YamlDocument | OversizedDocument): doc is OversizedDocument {
  return 'oversized' in doc;
}

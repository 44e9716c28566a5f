/**
 * Error texts that are safe to send over gRPC and to log.
 *
 * Bounded: grpc-js sends the message in the grpc-message trailer; past about 64 KiB it sends no status
 * at all and every later call on the HTTP/2 connection goes unanswered. Velero sends all calls to a
 * plugin over one connection without a deadline, so one oversized message would hang the whole backup.
 *
 * Content-free: a message names actions, kinds, namespaces and names, never a value of the item. Engine
 * errors (TypeError and friends) quote the values they choke on, so their text is withheld.
 */

/** Upper bound of an error message in UTF-8 bytes (percent-encoded on the wire, still far below the limit). */
export const MAX_ERROR_MESSAGE_BYTES = 4096;
/** Upper bound of one name quoted in a message (Kubernetes names are at most 253 characters). */
const MAX_QUOTED_NAME_CHARS = 253;
const TRUNCATED_MARKER = '… [truncated';

/** `text`, cut to MAX_ERROR_MESSAGE_BYTES with a marker saying how much was dropped. */
export function boundedMessage(text: string, maxBytes = MAX_ERROR_MESSAGE_BYTES): string {
  // Cheap test first: a string of n UTF-16 units is at most 3n UTF-8 bytes.
  if (text.length * 3 <= maxBytes || Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const total = Buffer.byteLength(text, 'utf8');
  const marker = (dropped: number) => `${TRUNCATED_MARKER} ${dropped} bytes]`;
  const room = maxBytes - Buffer.byteLength(marker(total), 'utf8');
  // Cut on a character boundary: decoding a cut multi-byte sequence would add a replacement character.
  let kept = Buffer.from(text, 'utf8').subarray(0, room).toString('utf8');
  if (kept.endsWith('\uFFFD')) kept = kept.slice(0, -1);
  return `${kept}${marker(total - Buffer.byteLength(kept, 'utf8'))}`;
}

/** A name (plugin, item, key) for a message: JSON-quoted, at most MAX_QUOTED_NAME_CHARS characters. */
export function quoteName(name: string): string {
  if (name.length <= MAX_QUOTED_NAME_CHARS) return JSON.stringify(name);
  return `${JSON.stringify(name.slice(0, MAX_QUOTED_NAME_CHARS))}… (${name.length} characters)`;
}

/** A name for a message without quotes, at most MAX_QUOTED_NAME_CHARS characters. */
export function shortName(name: string): string {
  if (name.length <= MAX_QUOTED_NAME_CHARS) return name;
  return `${name.slice(0, MAX_QUOTED_NAME_CHARS)}… (${name.length} characters)`;
}

const ENGINE_ERRORS: readonly (new () => Error)[] = [
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
];

/** True for errors the JavaScript engine raises, whose messages may quote the values involved. */
function isEngineError(err: unknown): err is Error {
  return err instanceof Error && ENGINE_ERRORS.some((type) => err.constructor === type);
}

/** The message of an error for users and logs; engine errors (bugs) say only their type. */
export function safeErrorText(err: unknown): string {
  if (isEngineError(err))
    return `${err.name} in the plugin (a bug; the engine's message is withheld: it may quote item content)`;
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : 'a non-Error value was thrown';
}

/** The call stack of an error without its message line (which may quote item content), for the log. */
export function stackFrames(err: unknown): string | undefined {
  if (!(err instanceof Error) || err.stack === undefined) return undefined;
  return err.stack
    .split('\n')
    .filter((line) => line.startsWith('    at '))
    .join('\n');
}

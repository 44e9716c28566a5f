/**
 * Import this module first in a plugin's main: go-plugin reads the first stdout line as the handshake
 * and discards the rest, so anything a library or a stray console.log writes to stdout would at best
 * be lost and at worst break start-up. Importing it diverts all stdout writes to stderr (which Velero
 * logs at debug) before any other module runs; the host writes the handshake straight to fd 1.
 */
const stderr = process.stderr;
process.stdout.write = function writeToStderr(this: unknown, ...args: Parameters<typeof stderr.write>) {
  return stderr.write(...args);
} as typeof process.stdout.write;

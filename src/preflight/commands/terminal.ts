/** Whether `stream` is a terminal: Node leaves `isTTY` undefined on pipes and files, though its type says boolean. */
export function isTerminal(stream: { isTTY?: boolean }): boolean {
  return stream.isTTY === true;
}

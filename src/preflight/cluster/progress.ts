/**
 * A one-line progress indicator on stderr for cluster scans: only on a terminal (never mixed into piped
 * output, and never on stdout, so JSON and SARIF stay clean), redrawn at most every 100 ms.
 */
const FRAMES = ['|', '/', '-', '\\'];

export interface Progress {
  update(step: string): void;
  stop(): void;
}

export function startProgress(enabled: boolean, first: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!enabled || !stream.isTTY) return { update: () => undefined, stop: () => undefined };
  let step = first;
  let frame = 0;
  const started = Date.now();
  const draw = () => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    stream.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} velero-cm-preflight: ${step} (${seconds} s)`);
  };
  draw();
  const timer = setInterval(draw, 100);
  timer.unref();
  return {
    update(next) {
      step = next;
    },
    stop() {
      clearInterval(timer);
      stream.write('\r\x1b[2K');
    },
  };
}

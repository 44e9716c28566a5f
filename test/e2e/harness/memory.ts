/**
 * Peak resident memory of a Velero server and of the plugin processes it starts, for the real-cluster
 * memory row of docs/benchmarks.md: the plugin's footprint inside a Velero Pod measured during the e2e
 * backups and restores, not extrapolated from the benchmark.
 *
 * Linux keeps each process's peak resident set in /proc/<pid>/status (VmHWM). Velero starts a plugin
 * process per backup or restore and kills it afterwards, so the sampler reads every plugin child's VmHWM
 * every SAMPLE_INTERVAL_MS while it lives and keeps the last value: growth in a process's last interval
 * before it exits is missed (the figure is a lower bound by at most that interval's growth).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { childProcesses } from './proc.js';

const SAMPLE_INTERVAL_MS = 100;
const KIB_PER_MIB = 1024;

export interface MemoryPeaks {
  /** The Velero server's own peak (VmHWM), MiB. */
  serverPeakMiB: number;
  /** The highest peak of any plugin process the server started, MiB (0 when none was seen). */
  pluginPeakMiB: number;
  /** How many plugin processes were seen. */
  pluginProcesses: number;
}

/** VmHWM of a process in MiB, or undefined once it has gone. */
function peakOf(pid: number): number | undefined {
  try {
    const kib = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib === undefined ? undefined : Number(kib) / KIB_PER_MIB;
  } catch {
    return undefined;
  }
}

export class MemorySampler {
  private serverPeak = 0;
  private readonly pluginPeaks = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;

  /** Samples serverPid and its children whose command line contains pluginFragment. */
  constructor(
    private readonly serverPid: number,
    private readonly pluginFragment: string,
  ) {
    this.timer = setInterval(() => this.sample(), SAMPLE_INTERVAL_MS);
    this.timer.unref();
  }

  private sample(): void {
    this.serverPeak = Math.max(this.serverPeak, peakOf(this.serverPid) ?? 0);
    for (const pid of childProcesses(this.serverPid, this.pluginFragment)) {
      const peak = peakOf(pid);
      if (peak !== undefined) this.pluginPeaks.set(pid, Math.max(this.pluginPeaks.get(pid) ?? 0, peak));
    }
  }

  /** Takes a last sample and stops sampling; call before the server is stopped. */
  stop(): MemoryPeaks {
    this.sample();
    clearInterval(this.timer);
    return {
      serverPeakMiB: this.serverPeak,
      pluginPeakMiB: Math.max(0, ...this.pluginPeaks.values()),
      pluginProcesses: this.pluginPeaks.size,
    };
  }
}

/** One measured run for the benchmark document: what ran, and the peaks. */
export interface MemoryRecord extends MemoryPeaks {
  /** What the server did while sampled, e.g. "backup full-with-plugin". */
  what: string;
  veleroVersion: string;
}

/** Writes the records as JSON to file (hack/bench/run.mjs reads it). */
export function writeMemoryRecords(file: string, records: MemoryRecord[]): void {
  writeFileSync(file, `${JSON.stringify({ measuredAt: new Date().toISOString(), records }, null, 2)}\n`);
}

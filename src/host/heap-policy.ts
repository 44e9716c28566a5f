/**
 * How the plugin process sizes its V8 heap.
 *
 * Measured cause of the plugin's resident-memory growth under load (hack/bench/ANALYSIS.md): not a leak
 * (after a forced GC, heapUsed and external stay flat over 12,000 Execute calls) but V8's heap sizing.
 * V8 derives its young-generation limit from the machine's memory (on a large host under Node 24 the
 * new space grows to 2 × 64 MiB), and every gRPC call leaves a little short-lived garbage that survives
 * a scavenge or two, which makes V8 grow the young generation step by step to that limit and promote the
 * rest into an old generation that is collected only when a large limit is reached. RSS climbed from
 * ~100 to ~290 MiB over 12,000 calls while the live heap stayed at ~31 MiB.
 *
 * A plugin process serves one backup or restore and should stay small, so it asks V8 to favour memory
 * over throughput. Both flags are read by V8 while it runs (not only at isolate creation), so setting
 * them from the process itself works for `node plugin.js` and for the single executable alike, without
 * command-line flags Velero would have to pass. Measured effect on the same run: RSS ~126 MiB after
 * 12,000 calls, flat from 3,000 on; round-trip time unchanged within noise.
 */
import { setFlagsFromString } from 'node:v8';

const PLUGIN_HEAP_FLAGS = [
  // Heap limits, growing factors and GC heuristics tuned for a small footprint instead of throughput.
  '--optimize-for-size',
  // Keep the young generation at its initial size: growing it only buys fewer scavenges, which a
  // plugin answering sub-millisecond calls does not need, and each growth step stays resident.
  '--semi-space-growth-factor=1',
] as const;

let applied = false;

/** Applies PLUGIN_HEAP_FLAGS once; call it as early as possible in the plugin process. */
export function applyPluginHeapPolicy(): void {
  if (applied) return;
  applied = true;
  for (const flag of PLUGIN_HEAP_FLAGS) setFlagsFromString(flag);
}

/**
 * cert-manager's real controller as a process against a test environment: the binary built from the
 * pinned cert-manager module by hack/testenv/cert-manager-controller (cached like the other binaries),
 * its log in the state directory. Stopped with the environment (stop(), `testenv:down`, the exit hook),
 * or on its own with stop().
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBinary, type Log } from './binaries.js';
import { processGone, sleep, spawnDetached, stopProcessGroup, tail, type TestEnvironment } from './environment.js';
import { CERT_MANAGER_CONTROLLER, CERT_MANAGER_CONTROLLER_OLD } from './versions.js';

export interface ControllerOptions {
  /** The identity it runs as; default the environment's administrator. */
  kubeconfig?: string;
  /** Watch only this namespace (no ClusterIssuers): a test that shares the environment with others. */
  namespace?: string;
  /** Take the chart's leader-election Lease (kube-system/cert-manager-controller) before starting. */
  leaderElect?: boolean;
  /** Run gateway-shim: needs the Gateway API CRDs in the cluster. */
  enableGatewayApi?: boolean;
  /** host:port list for DNS-01 self checks (a loopback DNS server). */
  dns01Nameservers?: string[];
  /**
   * Which cert-manager release: the pinned one (default), or the older release of the compatibility
   * table (hack/testenv/cert-manager-controller-v1.15, built on first use).
   */
  release?: 'pinned' | 'old';
  /** Any further controller flags. */
  extraArgs?: string[];
  /** Default `<state dir>/cert-manager-controller.log`. */
  logFile?: string;
  log?: Log;
}

export interface RunningController {
  pid: number;
  logFile: string;
  /** The log so far (klog text lines). */
  logText(): string;
  stop(): Promise<void>;
}

/** What the wrapper logs once every controller has been constructed and is about to start. */
const STARTED_LINE = 'starting controllers';
/** What it logs, with leader election on, before asking for the Lease. */
const WAITING_FOR_LEASE_LINE = 'waiting for the leader-election Lease';
const START_TIMEOUT_MS = 60_000;

/**
 * Builds (first time only) and starts the controller, and waits until it has constructed its controllers,
 * or, with leader election, until it is asking for the Lease: whether it gets the Lease is for the caller
 * to observe (RBAC that forbids it is a real outcome, not a start failure).
 */
export async function startCertManagerController(
  env: TestEnvironment,
  options: ControllerOptions = {},
): Promise<RunningController> {
  if (env.state.pids.controller && !processGone(env.state.pids.controller))
    throw new Error(`${env.stateDir} already runs cert-manager's controller (pid ${env.state.pids.controller})`);
  const spec = options.release === 'old' ? CERT_MANAGER_CONTROLLER_OLD : CERT_MANAGER_CONTROLLER;
  const binary = await ensureBinary(spec, options.log ?? (() => undefined));
  const logFile = options.logFile ?? join(env.stateDir, 'cert-manager-controller.log');
  const args = [
    `--kubeconfig=${options.kubeconfig ?? env.kubeconfig}`,
    `--leader-elect=${options.leaderElect ? 'true' : 'false'}`,
    `--enable-gateway-api=${options.enableGatewayApi ? 'true' : 'false'}`,
    ...(options.namespace ? [`--namespace=${options.namespace}`] : []),
    ...(options.dns01Nameservers?.length
      ? [`--dns01-recursive-nameservers=${options.dns01Nameservers.join(',')}`, '--dns01-recursive-nameservers-only']
      : []),
    // klog writes to stderr, which spawnDetached sends to the log file; -v=2 shows each sync decision.
    '--logtostderr=true',
    '--v=2',
    ...(options.extraArgs ?? []),
  ];
  const pid = spawnDetached(binary, args, logFile);
  env.trackProcess('controller', pid);
  const controller: RunningController = {
    pid,
    logFile,
    logText: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    async stop() {
      await stopProcessGroup(pid);
      if (env.state.pids.controller === pid) env.trackProcess('controller', undefined);
    },
  };
  const awaited = options.leaderElect ? WAITING_FOR_LEASE_LINE : STARTED_LINE;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!controller.logText().includes(awaited)) {
    if (processGone(pid)) {
      env.trackProcess('controller', undefined);
      throw new Error(`cert-manager's controller exited during start-up; its log (${logFile}):\n${tail(logFile)}`);
    }
    if (Date.now() > deadline) {
      await controller.stop();
      throw new Error(
        `cert-manager's controller did not log "${awaited}" within ${START_TIMEOUT_MS / 1000} s:\n${tail(logFile)}`,
      );
    }
    await sleep(100);
  }
  return controller;
}

/**
 * One test environment: etcd and kube-apiserver on loopback, each on a port the kernel handed out, with
 * everything (certificates, kubeconfigs, data, logs, state.json) in one state directory. Any number of
 * environments can run side by side: give each its own state directory.
 *
 * There is no kubelet, scheduler or controller-manager: see hack/testenv/README.md for what that means.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ensureBinary, type Log } from './binaries.js';
import { Pki, writeKubeconfig } from './pki.js';
import { ETCD, KUBE_APISERVER, allVersions } from './versions.js';

export interface EnvironmentState {
  stateDir: string;
  /** Administrator kubeconfig (system:masters). */
  kubeconfig: string;
  server: string;
  apiServerPort: number;
  etcdClientPort: number;
  etcdPeerPort: number;
  /** Process groups of this environment; `controller` is cert-manager's controller when one was started. */
  pids: { etcd?: number; apiserver?: number; controller?: number; webhook?: number; pebble?: number; named?: number };
  /** One JSON audit event per line, for every request made by a user other than the API server itself. */
  auditLog: string;
  versions: Record<string, string>;
  startedAt: string;
}

export interface StartOptions {
  stateDir: string;
  log?: Log;
  /** Kill etcd and kube-apiserver when this Node process exits (test runs); `testenv:up` leaves them running. */
  stopOnExit?: boolean;
}

const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;
const PORT_ATTEMPTS = 3;

/** An audit event as the API server writes it (only the fields tests read). */
export interface AuditEvent {
  verb: string;
  requestURI: string;
  user: { username: string; groups?: string[] };
  userAgent?: string;
  responseStatus?: { code?: number };
  objectRef?: { resource?: string; namespace?: string; name?: string; apiGroup?: string };
}

export class TestEnvironment {
  private exitHook: (() => void) | undefined;
  private readonly signalHooks: [NodeJS.Signals, () => void][] = [];

  private constructor(
    readonly state: EnvironmentState,
    readonly pki: Pki,
    private readonly log: Log,
  ) {}

  get kubeconfig(): string {
    return this.state.kubeconfig;
  }
  get stateDir(): string {
    return this.state.stateDir;
  }

  /** Builds or reuses the binaries, then starts etcd and kube-apiserver and waits until both are ready. */
  static async start(options: StartOptions): Promise<TestEnvironment> {
    const log = options.log ?? (() => undefined);
    // Sequential: two big Go builds at once would only fight over the CPUs.
    await ensureBinary(ETCD, log);
    await ensureBinary(KUBE_APISERVER, log);
    const stateDir = options.stateDir;
    if (existsSync(join(stateDir, 'state.json'))) {
      throw new Error(
        `${stateDir} already holds an environment; stop it first (npm run testenv:down -- --state-dir ${stateDir})`,
      );
    }
    mkdirSync(stateDir, { recursive: true });
    const pki = new Pki(stateDir);
    await pki.init();
    writeFileSync(join(stateDir, 'audit-policy.yaml'), AUDIT_POLICY);
    const admin = await pki.clientCertificate('admin', 'testenv-admin', ['system:masters']);

    let lastError: unknown;
    for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
      const [apiServerPort, etcdClientPort, etcdPeerPort] = await freePorts(3);
      const state: EnvironmentState = {
        stateDir,
        kubeconfig: join(stateDir, 'admin.kubeconfig'),
        server: `https://127.0.0.1:${apiServerPort}`,
        apiServerPort: apiServerPort!,
        etcdClientPort: etcdClientPort!,
        etcdPeerPort: etcdPeerPort!,
        pids: {},
        auditLog: join(stateDir, 'audit.log'),
        versions: allVersions(),
        startedAt: new Date().toISOString(),
      };
      const env = new TestEnvironment(state, pki, log);
      if (options.stopOnExit) env.stopOnExit();
      try {
        await env.startEtcd();
        await env.startApiServer();
        writeKubeconfig(state.kubeconfig, state.server, pki.caCert, 'testenv-admin', admin);
        env.saveState();
        return env;
      } catch (err) {
        lastError = err;
        log(`start attempt ${attempt} failed: ${(err as Error).message.split('\n')[0]}`);
        await env.stopProcesses();
        rmSync(join(stateDir, 'etcd-data'), { recursive: true, force: true });
      }
    }
    // Keep the logs for diagnosis, but no state.json: the directory holds no running environment.
    rmSync(join(stateDir, 'state.json'), { force: true });
    throw lastError;
  }

  /** The environment recorded in `stateDir` by a `start` in another process (e.g. `npm run testenv:up`). */
  static attach(stateDir: string, log?: Log): TestEnvironment {
    const file = join(stateDir, 'state.json');
    if (!existsSync(file)) throw new Error(`no test environment in ${stateDir} (no state.json)`);
    const state = JSON.parse(readFileSync(file, 'utf8')) as EnvironmentState;
    return new TestEnvironment(state, new Pki(stateDir), log ?? (() => undefined));
  }

  /** Stops both processes and deletes the state directory. */
  async stop(options: { keepStateDir?: boolean } = {}): Promise<void> {
    await this.stopProcesses();
    if (this.exitHook) process.off('exit', this.exitHook);
    // An e2e run starts many environments in one process: leave no signal handler behind (Node warns past 10).
    for (const [signal, hook] of this.signalHooks.splice(0)) process.off(signal, hook);
    if (!options.keepStateDir) rmSync(this.state.stateDir, { recursive: true, force: true });
    else rmSync(join(this.state.stateDir, 'state.json'), { force: true });
  }

  /** Stops kube-apiserver only (etcd keeps the data), e.g. to test an unreachable API server. */
  async stopApiServer(): Promise<void> {
    await stopProcessGroup(this.state.pids.apiserver);
    this.state.pids.apiserver = undefined;
    this.saveState();
  }

  /** (Re)starts kube-apiserver on its recorded port and waits until /readyz answers. */
  async startApiServer(): Promise<void> {
    const binary = await ensureBinary(KUBE_APISERVER, this.log);
    const s = this.state;
    const args = [
      `--etcd-servers=http://127.0.0.1:${s.etcdClientPort}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${s.apiServerPort}`,
      `--cert-dir=${join(s.stateDir, 'apiserver-certs')}`,
      `--tls-cert-file=${this.pki.servingCert}`,
      `--tls-private-key-file=${this.pki.servingKey}`,
      `--client-ca-file=${this.pki.caCert}`,
      `--service-account-key-file=${this.pki.serviceAccountPublicKey}`,
      `--service-account-signing-key-file=${this.pki.serviceAccountKey}`,
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      '--service-cluster-ip-range=10.0.0.0/24',
      '--authorization-mode=RBAC',
      '--allow-privileged=true',
      // Pods are never created here, and the ServiceAccount admission plugin would want each namespace's
      // "default" ServiceAccount, which only the (absent) controller-manager creates.
      '--disable-admission-plugins=ServiceAccount',
      // Webhook calls resolve a Service through its EndpointSlices rather than its ClusterIP (no kube-proxy
      // here), so an EndpointSlice made by a test decides whether, and where, admission webhooks are called.
      '--enable-aggregator-routing=true',
      // The default reconciler publishes the advertise address in the kubernetes Endpoints and refuses
      // a loopback one; nothing here needs that Service to route.
      '--endpoint-reconciler-type=none',
      `--audit-policy-file=${join(s.stateDir, 'audit-policy.yaml')}`,
      `--audit-log-path=${s.auditLog}`,
      '--audit-log-mode=blocking',
      '--audit-log-maxsize=200',
      '--profiling=false',
      '--v=1',
    ];
    s.pids.apiserver = spawnDetached(binary, args, join(s.stateDir, 'kube-apiserver.log'));
    this.saveState();
    await waitUntil(
      'kube-apiserver /readyz',
      async () => (await this.adminGet('/readyz')).status === 200,
      () => (processGone(s.pids.apiserver) ? tail(join(s.stateDir, 'kube-apiserver.log')) : undefined),
    );
  }

  /** A kubeconfig for a user of our choosing (client certificate), e.g. one with no RBAC at all. */
  async userKubeconfig(user: string, groups: string[] = []): Promise<string> {
    const stem = `user-${user.replace(/[^a-zA-Z0-9_.-]/g, '_')}`;
    const credentials = await this.pki.clientCertificate(stem, user, groups);
    const file = join(this.state.stateDir, `${stem}.kubeconfig`);
    writeKubeconfig(file, this.state.server, this.pki.caCert, user, credentials);
    return file;
  }

  /** Audit events so far (optionally only those of one user), in order. */
  auditEvents(username?: string): AuditEvent[] {
    if (!existsSync(this.state.auditLog)) return [];
    const events: AuditEvent[] = [];
    for (const line of readFileSync(this.state.auditLog, 'utf8').split('\n')) {
      if (!line) continue;
      const event = JSON.parse(line) as AuditEvent;
      if (!username || event.user.username === username) events.push(event);
    }
    return events;
  }

  private async startEtcd(): Promise<void> {
    const binary = await ensureBinary(ETCD, this.log);
    const s = this.state;
    const client = `http://127.0.0.1:${s.etcdClientPort}`;
    const peer = `http://127.0.0.1:${s.etcdPeerPort}`;
    const args = [
      '--name=testenv',
      `--data-dir=${join(s.stateDir, 'etcd-data')}`,
      `--listen-client-urls=${client}`,
      `--advertise-client-urls=${client}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=testenv=${peer}`,
      // Test data is disposable: skipping fsync makes every write (and so every test) faster.
      '--unsafe-no-fsync=true',
      '--log-level=warn',
    ];
    s.pids.etcd = spawnDetached(binary, args, join(s.stateDir, 'etcd.log'));
    await waitUntil(
      'etcd /health',
      async () => {
        const response = await fetch(`${client}/health`, { signal: AbortSignal.timeout(2000) });
        return response.ok && ((await response.json()) as { health?: string }).health === 'true';
      },
      () => (processGone(s.pids.etcd) ? tail(join(s.stateDir, 'etcd.log')) : undefined),
    );
  }

  /**
   * Records a process started against this environment (cert-manager's controller or webhook) so that stop(),
   * `testenv:down` and the exit hook stop it with the API server.
   */
  trackProcess(name: 'controller' | 'webhook' | 'pebble' | 'named', pid: number | undefined): void {
    this.state.pids[name] = pid;
    this.saveState();
  }

  private async stopProcesses(): Promise<void> {
    // Clients first, so they do not log a burst of connection errors while the server goes away.
    await stopProcessGroup(this.state.pids.controller);
    await stopProcessGroup(this.state.pids.webhook);
    await stopProcessGroup(this.state.pids.pebble);
    await stopProcessGroup(this.state.pids.named);
    await stopProcessGroup(this.state.pids.apiserver);
    await stopProcessGroup(this.state.pids.etcd);
    this.state.pids = {};
  }

  private stopOnExit(): void {
    // 'exit' handlers must be synchronous: a SIGKILL to each process group is all that fits.
    this.exitHook = () => {
      for (const pid of Object.values(this.state.pids)) {
        if (pid) killGroup(pid, 'SIGKILL');
      }
    };
    process.on('exit', this.exitHook);
    // A signal's default action ends the process without 'exit' handlers: stop the children, then die
    // with the conventional status.
    for (const [signal, status] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      const onSignal = () => {
        this.exitHook?.();
        process.exit(status);
      };
      process.once(signal, onSignal);
      this.signalHooks.push([signal, onSignal]);
    }
  }

  private saveState(): void {
    writeFileSync(join(this.state.stateDir, 'state.json'), JSON.stringify(this.state, null, 2));
  }

  /** GET with the administrator's client certificate (node's fetch cannot present one). */
  private adminGet(path: string): Promise<{ status: number; body: string }> {
    const admin = { cert: join(this.state.stateDir, 'admin.crt'), key: join(this.state.stateDir, 'admin.key') };
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.state.apiServerPort,
          path,
          method: 'GET',
          ca: readFileSync(this.pki.caCert),
          cert: readFileSync(admin.cert),
          key: readFileSync(admin.key),
          timeout: 3000,
        },
        (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end();
    });
  }
}

const AUDIT_POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
  # The API server's own loopback traffic is noise for request counting.
  - level: None
    users: ["system:apiserver"]
  - level: Metadata
`;

/** Ports the kernel says are free right now (all held at once so they differ). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => {
            resolve(server);
          });
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    return address.port;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** Starts a process in its own process group, output to `logFile`, not tied to this process's lifetime. */
export function spawnDetached(
  binary: string,
  args: string[],
  logFile: string,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(binary, args, { detached: true, stdio: ['ignore', fd, fd], env });
    child.unref();
    if (!child.pid) throw new Error(`could not start ${binary}`);
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

export function processGone(pid: number | undefined): boolean {
  if (!pid) return true;
  try {
    process.kill(pid, 0);
    // A zombie still answers signal 0; its state letter says it has exited.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return /^\d+ \(.*\) Z/.test(stat);
  } catch {
    return true;
  }
}

export async function stopProcessGroup(pid: number | undefined): Promise<void> {
  if (!pid || processGone(pid)) return;
  killGroup(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (Date.now() < deadline && !processGone(pid)) await sleep(100);
  if (!processGone(pid)) {
    killGroup(pid, 'SIGKILL');
    const killDeadline = Date.now() + 5000;
    while (Date.now() < killDeadline && !processGone(pid)) await sleep(100);
  }
}

/** Polls `ready` until true; fails early with `failed()`'s text once that returns something. */
async function waitUntil(what: string, ready: () => Promise<boolean>, failed: () => string | undefined): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError = '';
  while (Date.now() < deadline) {
    const failure = failed();
    if (failure !== undefined) throw new Error(`${what}: the process exited\n${failure}`);
    try {
      if (await ready()) return;
    } catch (err) {
      lastError = (err as Error).message;
    }
    await sleep(200);
  }
  throw new Error(
    `${what} not ready after ${READY_TIMEOUT_MS / 1000} s${lastError ? ` (last error: ${lastError})` : ''}`,
  );
}

export function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '';
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

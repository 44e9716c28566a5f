/**
 * cert-manager's real admission webhook as a process against a test environment: the binary built from
 * the pinned cert-manager module by hack/testenv/cert-manager-webhook (cached like the other binaries),
 * serving HTTPS on 127.0.0.1 with a certificate from the environment's CA, its log in the state
 * directory. Stopped with the environment (stop(), `testenv:down`, the exit hook), or on its own.
 *
 * Starting it does not point the API server at it: the chart's webhook configurations name the
 * cert-manager-webhook Service, which a bare API server cannot reach on loopback. The caller patches
 * their clientConfig to `url` (https://127.0.0.1:<port>/validate or /mutate) and `caBundle`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBinary, type Log } from './binaries.js';
import { processGone, sleep, spawnDetached, stopProcessGroup, tail, type TestEnvironment } from './environment.js';
import { CERT_MANAGER_WEBHOOK } from './versions.js';

export interface WebhookOptions {
  /**
   * The identity it runs as (it creates SubjectAccessReviews for CertificateRequest approvals); default
   * the environment's administrator.
   */
  kubeconfig?: string;
  /** Default `<state dir>/cert-manager-webhook.log`. */
  logFile?: string;
  log?: Log;
}

export interface RunningWebhook {
  pid: number;
  /** The loopback port it serves HTTPS on. */
  port: number;
  /** base64 PEM of the CA that signed its serving certificate (the environment's CA). */
  caBundle: string;
  logFile: string;
  /** Admission requests received so far (the wrapper logs one line per request, never the object). */
  readonly requests: number;
  logText(): string;
  stop(): Promise<void>;
}

/** The line the wrapper logs once it listens; it carries the address. */
const SERVING_LINE = /"serving admission webhooks" address="127\.0\.0\.1:(\d+)"/;
const REQUEST_LINE = /"admission request"/g;
const START_TIMEOUT_MS = 60_000;
/** The names a real webhook Pod's certificate carries (the Service's DNS names), plus the loopback IP dialled here. */
const SERVICE_DNS = 'cert-manager-webhook.cert-manager.svc';

export async function startCertManagerWebhook(
  env: TestEnvironment,
  options: WebhookOptions = {},
): Promise<RunningWebhook> {
  if (env.state.pids.webhook && !processGone(env.state.pids.webhook))
    throw new Error(`${env.stateDir} already runs cert-manager's webhook (pid ${env.state.pids.webhook})`);
  const binary = await ensureBinary(CERT_MANAGER_WEBHOOK, options.log ?? (() => undefined));
  const serving = await env.pki.servingCertificate('cert-manager-webhook', SERVICE_DNS, [
    `DNS:${SERVICE_DNS}`,
    `DNS:${SERVICE_DNS}.cluster.local`,
    'IP:127.0.0.1',
  ]);
  const logFile = options.logFile ?? join(env.stateDir, 'cert-manager-webhook.log');
  const pid = spawnDetached(
    binary,
    [
      `--kubeconfig=${options.kubeconfig ?? env.kubeconfig}`,
      '--listen=127.0.0.1:0',
      `--tls-cert-file=${serving.certFile}`,
      `--tls-private-key-file=${serving.keyFile}`,
      '--logtostderr=true',
      '--v=2',
    ],
    logFile,
  );
  env.trackProcess('webhook', pid);
  const logText = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const stop = async () => {
    await stopProcessGroup(pid);
    if (env.state.pids.webhook === pid) env.trackProcess('webhook', undefined);
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  let port: number | undefined;
  while (port === undefined) {
    const match = SERVING_LINE.exec(logText());
    if (match) {
      port = Number(match[1]);
      break;
    }
    if (processGone(pid)) {
      env.trackProcess('webhook', undefined);
      throw new Error(`cert-manager's webhook exited during start-up; its log (${logFile}):\n${tail(logFile)}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`cert-manager's webhook did not start within ${START_TIMEOUT_MS / 1000} s:\n${tail(logFile)}`);
    }
    await sleep(100);
  }
  return {
    pid,
    port,
    caBundle: readFileSync(env.pki.caCert).toString('base64'),
    logFile,
    get requests() {
      return logText().match(REQUEST_LINE)?.length ?? 0;
    },
    logText,
    stop,
  };
}

/**
 * The plugin process: what go-plugin expects from a plugin binary Velero launches.
 *
 *  - Refuses to run without go-plugin's magic cookie (VELERO_PLUGIN=hello) and says why on stderr.
 *  - Negotiates app protocol version 2 from PLUGIN_PROTOCOL_VERSIONS.
 *  - Serves gRPC on a fresh unix socket and only then prints the handshake line; nothing else ever
 *    reaches stdout (stray writes are diverted to stderr by ./stdout-guard.js, which Velero logs at
 *    debug; a plugin main imports that module first).
 *  - Ignores SIGINT (Velero's process group gets it on Ctrl-C; the host decides when plugins stop).
 *  - Answers GRPCController.Shutdown at once, then exits well within go-plugin's 2 s grace period,
 *    removing the socket.
 */
import { writeSync } from 'node:fs';
import './stdout-guard.js';
import type { Action } from './action.js';
import { logLevelFromArgs } from './args.js';
import { applyPluginHeapPolicy } from './heap-policy.js';
import { JsonLineLogger } from './logger.js';
import { ActionRegistry, pluginCommand } from './registry.js';

const MAGIC_COOKIE_KEY = 'VELERO_PLUGIN';
const MAGIC_COOKIE_VALUE = 'hello';
const CORE_PROTOCOL_VERSION = 1;
const APP_PROTOCOL_VERSION = 2;

/** Upper bound from Shutdown to process exit; go-plugin kills the process after 2 s. */
const EXIT_DEADLINE_MS = 1000;
/** How often the plugin checks that Velero, its parent, is still alive. */
const PARENT_CHECK_INTERVAL_MS = 500;

export interface ServeOptions {
  /** The binary's name for humans (the message shown when run by hand). */
  programName: string;
  /** Builds the actions; called only once the process knows it runs under Velero. */
  actions: () => readonly Action[] | Promise<readonly Action[]>;
}

/** Runs the plugin until Velero shuts it down. Never returns normally: the process exits. */
export async function servePlugin(options: ServeOptions): Promise<void> {
  const env = process.env;
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    process.stderr.write(
      `${options.programName} is a Velero plugin, not a command to run by hand: the Velero server starts it ` +
        `(install it with \`velero plugin add <image>\`). It exits because ${MAGIC_COOKIE_KEY}=${MAGIC_COOKIE_VALUE} is not set.\n`,
    );
    process.exit(1);
  }
  const versionProblem = protocolVersionProblem(env.PLUGIN_PROTOCOL_VERSIONS);
  if (versionProblem) {
    process.stderr.write(`${options.programName}: ${versionProblem}\n`);
    process.exit(1);
  }

  // Before the actions load: keeps the heap small for the whole life of the process (see heap-policy.ts).
  applyPluginHeapPolicy();

  const levelChoice = logLevelFromArgs(process.argv.slice(2));
  const log = new JsonLineLogger({ level: levelChoice.level, source: 'host' });
  if (levelChoice.unrecognised !== undefined)
    log.warn('unrecognised --log-level, using info', { given: levelChoice.unrecognised });

  // Velero sends SIGINT to the whole process group on Ctrl-C; it stops plugins itself via Shutdown.
  process.on('SIGINT', () => log.debug('ignoring SIGINT'));
  // Node would print these to stderr as plain text, which Velero logs at debug: invisible by default.
  // An exception outside any call leaves the process in an unknown state: log it and exit (Velero
  // restarts the plugin on its next call). A stray rejected promise affects no call: log it and go on.
  process.on('uncaughtException', (err) => {
    log.error('plugin crashed', { error: err.message, stack: err.stack });
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    log.error('unhandled promise rejection in the plugin', {
      error: reason instanceof Error ? reason.message : String(reason),
      stack: reason instanceof Error ? reason.stack : undefined,
    });
  });

  let registry: ActionRegistry;
  try {
    registry = new ActionRegistry(await options.actions());
  } catch (err) {
    log.error('plugin cannot start', { error: err instanceof Error ? err.message : String(err) });
    process.exit(1);
  }

  const { isSea } = await import('node:sea');
  const command = pluginCommand({ env, argv: process.argv, execPath: process.execPath, isSingleExecutable: isSea() });
  const { startServer } = await import('./server.js');
  let exiting = false;
  const server = await startServer({
    registry,
    log,
    command,
    socketDir: env.PLUGIN_UNIX_SOCKET_DIR,
    onShutdownRequested: () => exit(0),
  });
  const exit = (code: number) => {
    if (exiting) return;
    exiting = true;
    setTimeout(() => process.exit(code), EXIT_DEADLINE_MS).unref();
    void server.stop(EXIT_DEADLINE_MS / 2).finally(() => process.exit(code));
  };
  process.on('exit', () => removeQuietly(server));
  process.on('SIGTERM', () => exit(0));
  watchParent(log, () => exit(0));

  writeSync(1, `${CORE_PROTOCOL_VERSION}|${APP_PROTOCOL_VERSION}|unix|${server.socketPath}|grpc\n`);
  log.debug('plugin serving', {
    socket: server.socketPath,
    command,
    actions: registry.list(command).map((p) => p.name),
  });
}

/**
 * Exits soon after Velero dies. An orphaned plugin would otherwise idle until its first write to the
 * closed stderr pipe, holding its socket and memory. When the parent dies the process is re-parented (to
 * init or a subreaper), so a changed parent pid is the signal; polled, because Linux's PR_SET_PDEATHSIG
 * is not reachable from Node. The timer is unref'd: it never keeps the process alive by itself.
 */
function watchParent(log: JsonLineLogger, exit: () => void): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    log.warn('the Velero process that started this plugin is gone; exiting', { parentPid: parent });
    exit();
  }, PARENT_CHECK_INTERVAL_MS);
  timer.unref();
}

/** Why the offered app protocol versions exclude ours, or undefined (absent means "ours"). */
function protocolVersionProblem(offered: string | undefined): string | undefined {
  if (offered === undefined || offered.trim() === '') return undefined;
  const versions = offered.split(',').map((v) => Number.parseInt(v.trim(), 10));
  if (versions.includes(APP_PROTOCOL_VERSION)) return undefined;
  return `the plugin host offers plugin protocol versions ${offered}; this plugin speaks version ${APP_PROTOCOL_VERSION} only`;
}

function removeQuietly(server: { removeSocket(): void }): void {
  try {
    // Synchronous: this runs in the 'exit' handler.
    server.removeSocket();
  } catch {
    // already gone
  }
}

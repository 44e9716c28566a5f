/**
 * The gRPC server Velero talks to: its action services plus go-plugin's internal ones (controller,
 * stdio, health), listening on a fresh unix socket. Separate from the process concerns in serve.ts so
 * tests can run it in-process.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Server, ServerCredentials, type ServerWritableStream, type UntypedServiceImplementation } from '@grpc/grpc-js';
import {
  backupItemActionService,
  pluginListerService,
  restoreItemActionService,
  type DispatchContext,
} from './dispatch.js';
import { serviceDefinitions } from './proto.js';
import { chooseSocketPath } from './socket-path.js';

/** go-plugin's health check asks for this service name. */
const HEALTH_SERVICE_NAME = 'plugin';

/**
 * Velero's client sends and accepts messages up to 2 GiB; grpc-js would refuse anything above 4 MiB.
 * -1 lifts the limit so huge items (Secrets, CRDs, 16 MiB objects) pass.
 */
const UNLIMITED = -1;

export interface RunningServer {
  /** The handshake's network address: an absolute unix socket path. */
  socketPath: string;
  /** Stops serving: ends held streams, lets in-flight calls finish (up to graceMs), removes the socket. */
  stop(graceMs?: number): Promise<void>;
  /** Removes the socket (and the private directory holding it, if one was made), synchronously. */
  removeSocket(): void;
}

export interface StartServerOptions extends DispatchContext {
  /** Directory for the socket: go-plugin's PLUGIN_UNIX_SOCKET_DIR, else the temp dir. */
  socketDir?: string;
  /** Called after the controller's Shutdown call has been answered. */
  onShutdownRequested: () => void;
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const definitions = serviceDefinitions();
  const server = new Server({
    'grpc.max_receive_message_length': UNLIMITED,
    'grpc.max_send_message_length': UNLIMITED,
    // Channelz keeps per-call counters and traces for a debugging service this plugin never offers (~3 % CPU per call).
    'grpc.enable_channelz': 0,
  });
  // Streams the host keeps open until shutdown (stdio, health watch); ended first on stop.
  const heldStreams = new Set<ServerWritableStream<unknown, unknown>>();
  const hold = (call: ServerWritableStream<unknown, unknown>) => {
    heldStreams.add(call);
    const release = () => heldStreams.delete(call);
    call.on('cancelled', release);
    call.on('close', release);
  };

  server.addService(definitions.pluginLister, pluginListerService(options));
  server.addService(definitions.backupItemActionV2, backupItemActionService(options));
  server.addService(definitions.restoreItemActionV2, restoreItemActionService(options));
  server.addService(definitions.controller, {
    Shutdown: (_call: unknown, callback: (err: null, response: object) => void) => {
      options.log.debug('shutdown requested by Velero');
      callback(null, {});
      // Answer first: go-plugin waits for this reply before it starts its 2 s exit timer.
      setImmediate(options.onShutdownRequested);
    },
  } satisfies UntypedServiceImplementation);
  server.addService(definitions.stdio, {
    // The plugin sends its output over stderr, never through this stream; holding it open keeps the
    // client's stdio reader quiet (an ended or failed stream is logged by go-plugin).
    StreamStdio: (call: ServerWritableStream<unknown, unknown>) => hold(call),
  } satisfies UntypedServiceImplementation);
  server.addService(definitions.health, {
    Check: (call: { request: { service: string } }, callback: (err: null, response: { status: string }) => void) => {
      callback(null, { status: healthStatus(call.request.service) });
    },
    Watch: (call: ServerWritableStream<{ service: string }, { status: string }>) => {
      call.write({ status: healthStatus(call.request.service) });
      hold(call);
    },
  } satisfies UntypedServiceImplementation);

  const socketDir = options.socketDir === undefined || options.socketDir === '' ? tmpdir() : options.socketDir;
  const { path: socketPath, privateDir } = chooseSocketPath(socketDir);
  if (privateDir)
    options.log.warn('socket directory path too long for a unix socket; listening in a private directory instead', {
      given: socketDir.slice(0, 200),
      used: privateDir,
    });
  const removeSocket = () => {
    rmSync(privateDir ?? socketPath, { recursive: true, force: true });
  };
  await new Promise<void>((resolve, reject) => {
    server.bindAsync(`unix:${socketPath}`, ServerCredentials.createInsecure(), (err) =>
      err ? reject(err) : resolve(),
    );
  });

  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 500): Promise<void> => {
    stopping ??= new Promise<void>((resolve) => {
      for (const call of heldStreams) call.end();
      heldStreams.clear();
      const force = setTimeout(() => server.forceShutdown(), graceMs);
      server.tryShutdown(() => {
        clearTimeout(force);
        removeSocket();
        resolve();
      });
    });
    return stopping;
  };
  return { socketPath, stop, removeSocket };
}

function healthStatus(service: string): string {
  return service === '' || service === HEALTH_SERVICE_NAME ? 'SERVING' : 'SERVICE_UNKNOWN';
}

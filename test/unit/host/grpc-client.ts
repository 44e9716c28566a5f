/** A plain grpc-js client for the host's services, for tests that talk to a running host. */
import {
  credentials,
  type CallOptions,
  type Client,
  type ServiceClientConstructor,
  type ServiceError,
} from '@grpc/grpc-js';
import { grpcRootObject } from '../../../src/host/proto.js';

export interface HostClients {
  /** One unary call; with `deadlineMs`, a call still unanswered by then fails with DEADLINE_EXCEEDED. */
  call(service: string, method: string, request: object, deadlineMs?: number): Promise<Record<string, unknown>>;
  client(service: string): Client;
  close(): void;
}

export function hostClients(socketPath: string): HostClients {
  const root = grpcRootObject();
  const clients = new Map<string, Client>();
  const client = (service: string): Client => {
    let existing = clients.get(service);
    if (!existing) {
      let node: unknown = root;
      for (const part of service.split('.')) node = (node as Record<string, unknown>)[part];
      const Ctor = node as ServiceClientConstructor;
      existing = new Ctor(`unix:${socketPath}`, credentials.createInsecure(), {
        'grpc.max_receive_message_length': -1,
        'grpc.max_send_message_length': -1,
      });
      clients.set(service, existing);
    }
    return existing;
  };
  return {
    client,
    call(service, method, request, deadlineMs) {
      const c = client(service) as unknown as Record<
        string,
        (
          req: object,
          options: CallOptions,
          cb: (err: ServiceError | null, res: Record<string, unknown>) => void,
        ) => void
      >;
      const fn = c[method];
      if (!fn) throw new Error(`no method ${service}/${method}`);
      const options: CallOptions = deadlineMs === undefined ? {} : { deadline: Date.now() + deadlineMs };
      return new Promise((resolve, reject) =>
        fn.call(c, request, options, (err, res) => (err ? reject(err) : resolve(res))),
      );
    },
    close() {
      for (const c of clients.values()) c.close();
    },
  };
}

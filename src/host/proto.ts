/**
 * The gRPC service definitions, built from the descriptor embedded at build time (see
 * hack/gen-proto.mjs), so the plugin never reads .proto files at run time.
 */
import { loadPackageDefinition, type GrpcObject, type ServiceDefinition } from '@grpc/grpc-js';
import { fromJSON } from '@grpc/proto-loader';
import { PROTO_DESCRIPTOR_JSON } from './proto-descriptor.generated.js';

export interface ServiceDefinitions {
  pluginLister: ServiceDefinition;
  backupItemActionV2: ServiceDefinition;
  restoreItemActionV2: ServiceDefinition;
  controller: ServiceDefinition;
  stdio: ServiceDefinition;
  health: ServiceDefinition;
}

/** Decoding options: field names exactly as on the wire, defaults filled in, int64 as JS numbers. */
const PROTO_LOADER_OPTIONS = {
  keepCase: true,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: false,
} as const;

let cached: ServiceDefinitions | undefined;

export function serviceDefinitions(): ServiceDefinitions {
  if (cached) return cached;
  const grpcRoot = loadPackageDefinition(fromJSON(PROTO_DESCRIPTOR_JSON, PROTO_LOADER_OPTIONS));
  cached = {
    pluginLister: service(grpcRoot, 'generated.PluginLister'),
    backupItemActionV2: service(grpcRoot, 'v2.BackupItemAction'),
    restoreItemActionV2: service(grpcRoot, 'v2.RestoreItemAction'),
    controller: service(grpcRoot, 'plugin.GRPCController'),
    stdio: service(grpcRoot, 'plugin.GRPCStdio'),
    health: service(grpcRoot, 'grpc.health.v1.Health'),
  };
  return cached;
}

/** Every package-qualified service in the embedded descriptor (for clients in tests). */
export function grpcRootObject(): GrpcObject {
  return loadPackageDefinition(fromJSON(PROTO_DESCRIPTOR_JSON, PROTO_LOADER_OPTIONS));
}

function service(grpcRoot: GrpcObject, fullName: string): ServiceDefinition {
  let node: unknown = grpcRoot;
  for (const part of fullName.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  const definition = (node as { service?: ServiceDefinition } | undefined)?.service;
  if (!definition)
    throw new Error(`embedded proto descriptor has no service ${fullName}; regenerate it with npm run gen-proto`);
  return definition;
}

/**
 * The plugin entry point for a V8 startup snapshot (`hack/build-plugin --snapshot`): a start-up candidate
 * measured against the shipped code-cache build (hack/packaging/README.md, "Start-up figures"), not the
 * shipped binary.
 *
 * While the snapshot is built, this module evaluates what is safe to freeze into it, and registers the
 * real plugin (./plugin.js) as the function a started process runs. What may and may not be evaluated
 * here, and why:
 *
 *  - @grpc/grpc-js may NOT: it loads `http2` and `http` at module level, whose native bindings hold handles
 *    V8 cannot serialize (Node 24.21 aborts with "CheckGlobalAndEternalHandles failed"). Nothing that
 *    imports it (src/host/server.ts, dispatch.ts, proto.ts) is evaluated here either; it loads at run time.
 *  - ./plugin.js and src/host/serve.ts may NOT: they read process.env and process.argv (Velero's flags,
 *    VELERO_PLUGIN, VCM_*, KUBECONFIG) and install the stdout guard on process.stdout, which Node recreates
 *    after deserialization (a guard installed now would guard a stream the started process never uses).
 *  - @grpc/proto-loader (with protobufjs), the actions and the Kubernetes access layer (which itself loads
 *    @kubernetes/client-node only on first use) may: they only define functions and constants.
 *
 * The embedded descriptor is also decoded once here and the result dropped: that compiles protobufjs's
 * and proto-loader's decoding functions into the snapshot, so the started process's own decoding (in
 * src/host/proto.ts, which imports grpc-js and so cannot run here) skips their compilation. Measured: the
 * snapshot saved 0-20 ms CPU before the handshake without this, 30-40 ms with it.
 *
 * The bundle for a snapshot turns import() into require() (hack/packaging/bundle.mjs --snapshot): a process
 * started from a snapshot has no dynamic-import callback. Run without a snapshot (`node plugin-snapshot.js`),
 * this module simply starts the plugin.
 */
import { fromJSON } from '@grpc/proto-loader';
import { startupSnapshot } from 'node:v8';
import './actions/index.js';
import { PROTO_DESCRIPTOR_JSON } from './host/proto-descriptor.generated.js';
import './kube/index.js';

// The same options as src/host/proto.ts, so the same decoding paths are compiled.
const WARM_UP_OPTIONS = { keepCase: true, longs: Number, enums: String, defaults: true, oneofs: false } as const;

function startPlugin(): void {
  // Evaluated here, in the started process, for the reasons above; it reports its own start-up failures.
  void import('./plugin.js');
}

if (startupSnapshot.isBuildingSnapshot()) {
  fromJSON(PROTO_DESCRIPTOR_JSON, WARM_UP_OPTIONS);
  startupSnapshot.setDeserializeMainFunction(startPlugin);
} else startPlugin();

/**
 * Velero's action services (v2.BackupItemAction, v2.RestoreItemAction, generated.PluginLister):
 * decode the request, route it on its `plugin` field to the named action, encode the answer.
 *
 * Every failure becomes a gRPC error whose message is what the user reads in Velero's backup or restore
 * errors; nothing here may crash the process, because Velero shares this process between all the
 * actions of a backup and calls them concurrently.
 */
import { status, type sendUnaryData, type ServerUnaryCall, type UntypedServiceImplementation } from '@grpc/grpc-js';
import type {
  Action,
  ActionLogger,
  KubeObject,
  OperationProgress,
  ResourceIdentifier,
  ResourceSelector,
  VeleroRequestObject,
} from './action.js';
import { boundedMessage, quoteName, safeErrorText, shortName, stackFrames } from './error-text.js';
import { encodeJson, JsonSyntaxError, parseJsonExact, type ParsedJson } from './item-json.js';
import { kubeObjectProblem } from './item-shape.js';
import type { JsonLineLogger } from './logger.js';
import { type ActionRegistry, BACKUP_ITEM_ACTION_V2, RESTORE_ITEM_ACTION_V2 } from './registry.js';

/** An error with the gRPC status code to answer with. */
class RpcError extends Error {
  constructor(
    readonly code: status,
    message: string,
  ) {
    super(message);
  }
}

interface AppliesToRequest {
  plugin: string;
}
interface BackupExecuteRequest {
  plugin: string;
  item: Buffer;
  backup: Buffer;
}
interface RestoreExecuteRequest {
  plugin: string;
  item: Buffer;
  restore: Buffer;
  itemFromBackup: Buffer;
}
interface BackupOperationRequest {
  plugin: string;
  operationID: string;
  backup: Buffer;
}
interface RestoreOperationRequest {
  plugin: string;
  operationID: string;
  restore: Buffer;
}
interface ItemsReadyRequest {
  plugin: string;
  restore: Buffer;
  additionalItems: ResourceIdentifier[];
}

export interface DispatchContext {
  registry: ActionRegistry;
  log: JsonLineLogger;
  /** The command ListPlugins reports. */
  command: string;
}

export function pluginListerService(context: DispatchContext): UntypedServiceImplementation {
  return {
    ListPlugins: unary(context.log, 'ListPlugins', () => ({ plugins: context.registry.list(context.command) })),
  };
}

export function backupItemActionService(context: DispatchContext): UntypedServiceImplementation {
  const find = (name: string) => lookup(context.registry.backup, BACKUP_ITEM_ACTION_V2, name);
  return {
    AppliesTo: unary(context.log, 'AppliesTo', (req: AppliesToRequest) => ({
      ResourceSelector: selectorMessage(find(req.plugin).appliesTo),
    })),
    Execute: unary(context.log, 'Execute', async (req: BackupExecuteRequest) => {
      const action = find(req.plugin);
      const item = decodeItem(action.name, req.item, 'item');
      const log = actionLogger(context.log, action, item.object);
      log.debug('executing backup action');
      const result = await runAction(
        actionAndItem(action.name, item.object),
        () => action.execute({ item: item.object, backup: decodeVeleroObject(req.backup, 'backup'), log }),
        log,
      );
      checkOperation(action, result.operationID);
      return {
        item: encodeItem(action.name, result.item, [item]),
        additionalItems: result.additionalItems ?? [],
        operationID: result.operationID ?? '',
        postOperationItems: result.postOperationItems ?? [],
      };
    }),
    ...operationHandlers(context.log, find, (req: BackupOperationRequest, log) => ({
      operationID: req.operationID,
      backup: decodeVeleroObject(req.backup, 'backup'),
      log,
    })),
  };
}

export function restoreItemActionService(context: DispatchContext): UntypedServiceImplementation {
  const find = (name: string) => lookup(context.registry.restore, RESTORE_ITEM_ACTION_V2, name);
  return {
    AppliesTo: unary(context.log, 'AppliesTo', (req: AppliesToRequest) => ({
      ResourceSelector: selectorMessage(find(req.plugin).appliesTo),
    })),
    Execute: unary(context.log, 'Execute', async (req: RestoreExecuteRequest) => {
      const action = find(req.plugin);
      const item = decodeItem(action.name, req.item, 'item');
      const itemFromBackup =
        req.itemFromBackup.length > 0 ? decodeItem(action.name, req.itemFromBackup, 'itemFromBackup') : item;
      const log = actionLogger(context.log, action, item.object);
      log.debug('executing restore action');
      const result = await runAction(
        actionAndItem(action.name, item.object),
        () =>
          action.execute({
            item: item.object,
            itemFromBackup: itemFromBackup.object,
            restore: decodeVeleroObject(req.restore, 'restore'),
            log,
          }),
        log,
      );
      checkOperation(action, result.operationID);
      const timeoutMs = result.additionalItemsReadyTimeoutMs ?? 0;
      return {
        item: encodeItem(action.name, result.item, [item, itemFromBackup]),
        additionalItems: result.additionalItems ?? [],
        skipRestore: result.skipRestore ?? false,
        operationID: result.operationID ?? '',
        waitForAdditionalItems: result.waitForAdditionalItems ?? false,
        additionalItemsReadyTimeout: timeoutMs > 0 ? durationMessage(timeoutMs) : null,
      };
    }),
    ...operationHandlers(context.log, find, (req: RestoreOperationRequest, log) => ({
      operationID: req.operationID,
      restore: decodeVeleroObject(req.restore, 'restore'),
      log,
    })),
    AreAdditionalItemsReady: unary(context.log, 'AreAdditionalItemsReady', async (req: ItemsReadyRequest) => {
      const action = find(req.plugin);
      if (!action.areAdditionalItemsReady) return { ready: true };
      const log = context.log.child(action.name, { action: action.name });
      const check = action.areAdditionalItemsReady.bind(action);
      const ready = await runAction(
        action.name,
        () => check({ additionalItems: req.additionalItems, restore: decodeVeleroObject(req.restore, 'restore'), log }),
        log,
      );
      return { ready: ready };
    }),
  };
}

/** Wraps a handler: awaits it, and turns every exception into a gRPC error instead of a crash. */
function unary<Req, Res>(log: JsonLineLogger, method: string, handler: (request: Req) => Res | Promise<Res>) {
  return (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>): void => {
    let pending: Promise<Res>;
    try {
      pending = Promise.resolve(handler(call.request));
    } catch (err) {
      pending = Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    pending.then(
      (response) => callback(null, response),
      (err: unknown) => {
        const rpcError = err instanceof RpcError ? err : new RpcError(status.UNKNOWN, safeErrorText(err));
        if (!(err instanceof RpcError))
          log.error('unexpected error in plugin host', {
            method,
            error: boundedMessage(safeErrorText(err)),
            stack: stackFrames(err),
          });
        // Bounded: grpc-js answers nothing at all for a message of about 64 KiB (see error-text.ts).
        callback({ code: rpcError.code, details: boundedMessage(rpcError.message) });
      },
    );
  };
}

function lookup<T extends Action>(table: Map<string, T>, kind: string, name: string): T {
  const action = table.get(name);
  if (action) return action;
  const served = [...table.keys()].join(', ') || 'none';
  throw new RpcError(
    status.NOT_FOUND,
    `${kind} plugin ${quoteName(name)} was not found in velero-plugin-for-cert-manager (it serves: ${served})`,
  );
}

/**
 * Runs an action; its exceptions become the gRPC error users see, prefixed with `prefix` (the action
 * name, and for Execute the item's kind and name). The message of an engine error is withheld (it may
 * quote item content); the log gets the stack frames without the message line.
 */
async function runAction<T>(prefix: string, run: () => T | Promise<T>, log: ActionLogger): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof RpcError) throw err;
    const text = boundedMessage(safeErrorText(err));
    log.error('action failed', { error: text, stack: stackFrames(err) });
    throw new RpcError(status.UNKNOWN, `${prefix}: ${text}`);
  }
}

/** `action: Kind namespace/name`, the prefix of an Execute error (names bounded, no other item content). */
function actionAndItem(actionName: string, item: KubeObject): string {
  return `${actionName}: ${describeItem(item)}`;
}

/** `Kind namespace/name` of an item, each part bounded; fields of the wrong type are left out. */
function describeItem(item: KubeObject): string {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const namespace = text(item.metadata.namespace);
  const qualified = `${namespace ? `${namespace}/` : ''}${text(item.metadata.name)}`;
  return `${shortName(text(item.kind))} ${shortName(qualified)}`;
}

function actionLogger(base: JsonLineLogger, action: Action, item: KubeObject): ActionLogger {
  return base.child(action.name, {
    action: action.name,
    kind: item.kind,
    namespace: item.metadata.namespace ?? '',
    name: item.metadata.name ?? '',
  });
}

/** An item as decoded, with the bytes it came from (returned as they are when the action changes nothing). */
interface DecodedItem {
  object: KubeObject;
  bytes: Buffer;
  /** True when it was parsed exactly (it holds numbers JavaScript would alter): encode it exactly too. */
  exact: boolean;
}

/**
 * Parses an item Velero sent: a JSON object with a kind, an apiVersion and well-typed metadata (see
 * item-shape.ts). Its top level and metadata maps are frozen, so an action that wrongly edits the input
 * in place fails loudly instead of having its change dropped by the byte-preserving return.
 */
function decodeItem(actionName: string, bytes: Buffer, field: string): DecodedItem {
  // Parsed once: the item is the largest part of most calls.
  const { value, exact } = parseJson(bytes, field, actionName);
  const problem = kubeObjectProblem(value);
  if (problem) {
    const what =
      isPlainObject(value) && typeof value.kind === 'string' && isPlainObject(value.metadata)
        ? ` ${describeItem(value as KubeObject)}`
        : '';
    throw new RpcError(
      status.INVALID_ARGUMENT,
      `${actionName}: malformed ${field}${what} (${problem}); Velero sends Kubernetes objects as JSON`,
    );
  }
  const object = value as KubeObject;
  Object.freeze(object);
  Object.freeze(object.metadata);
  if (object.metadata.annotations) Object.freeze(object.metadata.annotations);
  if (object.metadata.labels) Object.freeze(object.metadata.labels);
  return { object, bytes, exact };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decodeVeleroObject(bytes: Buffer, field: string): VeleroRequestObject {
  if (bytes.length === 0) return {};
  const { value } = parseJson(bytes, field, undefined);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new RpcError(status.INVALID_ARGUMENT, `malformed ${field}: not a JSON object`);
  return value as VeleroRequestObject;
}

function parseJson(bytes: Buffer, field: string, actionName: string | undefined): ParsedJson {
  const prefix = actionName === undefined ? '' : `${actionName}: `;
  if (bytes.length === 0) throw new RpcError(status.INVALID_ARGUMENT, `${prefix}malformed ${field}: empty`);
  try {
    return parseJsonExact(bytes.toString('utf8'));
  } catch (err) {
    // JsonSyntaxError names the position only; V8's own message would quote the text.
    const why = err instanceof JsonSyntaxError ? err.message : safeErrorText(err);
    throw new RpcError(status.INVALID_ARGUMENT, `${prefix}malformed ${field}: not valid JSON (${why})`);
  }
}

/**
 * The item bytes to send back. The item the action received, returned as is, goes back byte for byte as
 * Velero sent it (nothing re-encoded, nothing altered, and cheaper); a new item is encoded exactly.
 * Velero decodes the returned item strictly: it must be a whole object with a kind.
 */
function encodeItem(actionName: string, item: unknown, inputs: readonly DecodedItem[]): Buffer {
  const same = inputs.find((input) => input.object === item);
  if (same) return same.bytes;
  // Typed as unknown: actions are TypeScript, but a bug may still hand back undefined or a partial object.
  if (!isPlainObject(item) || typeof item.kind !== 'string' || item.kind === '') {
    throw new RpcError(status.INTERNAL, `${actionName} returned no item or an item without kind (a bug in the action)`);
  }
  return Buffer.from(
    encodeJson(
      item,
      inputs.some((input) => input.exact),
    ),
  );
}

function noOperations(name: string, operationID: string): RpcError {
  return new RpcError(
    status.UNIMPLEMENTED,
    `${name} starts no asynchronous operations (asked about operation ${quoteName(operationID)})`,
  );
}

/** An operationID makes Velero poll Progress; an action that cannot answer it must not start one. */
function checkOperation(action: Action, operationID: string | undefined): void {
  if (operationID && !action.progress) {
    throw new RpcError(
      status.INTERNAL,
      `${action.name} returned operation ${quoteName(operationID)} but has no progress() (a bug in the action)`,
    );
  }
}

/** An action that may run asynchronous operations, whatever the shape of its operation input. */
interface OperationsAction<Input> {
  name: string;
  progress?(input: Input): Promise<OperationProgress> | OperationProgress;
  cancel?(input: Input): Promise<void> | void;
}

/**
 * Progress and Cancel, identical for backup and restore actions but for the request field that carries the
 * Backup or Restore: `input` builds the action's input from the request (decoded inside runAction, so a
 * malformed request is reported like any action error).
 */
function operationHandlers<Input, Req extends { plugin: string; operationID: string }>(
  base: JsonLineLogger,
  find: (name: string) => OperationsAction<Input>,
  input: (req: Req, log: ActionLogger) => Input,
) {
  return {
    Progress: unary(base, 'Progress', async (req: Req) => {
      const action = find(req.plugin);
      if (!action.progress) throw noOperations(action.name, req.operationID);
      const log = operationLogger(base, action.name, req.operationID);
      const progress = action.progress.bind(action);
      return { progress: progressMessage(await runAction(action.name, () => progress(input(req, log)), log)) };
    }),
    // Velero cancels operations that time out; with none started there is nothing to stop.
    Cancel: unary(base, 'Cancel', async (req: Req) => {
      const action = find(req.plugin);
      if (action.cancel) {
        const log = operationLogger(base, action.name, req.operationID);
        const cancel = action.cancel.bind(action);
        await runAction(action.name, () => cancel(input(req, log)), log);
      }
      return {};
    }),
  };
}

function operationLogger(base: JsonLineLogger, name: string, operationID: string): ActionLogger {
  return base.withSource(name).with({ action: name, operationID });
}

/** Velero reads every field of the progress message; it is always set. */
function progressMessage(progress: OperationProgress) {
  return {
    completed: progress.completed,
    err: progress.error ?? '',
    nCompleted: progress.nCompleted ?? 0,
    nTotal: progress.nTotal ?? 0,
    operationUnits: progress.operationUnits ?? '',
    description: progress.description ?? '',
    started: progress.started ? timestampMessage(progress.started) : null,
    updated: progress.updated ? timestampMessage(progress.updated) : null,
  };
}

function timestampMessage(date: Date) {
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: (ms - seconds * 1000) * 1e6 };
}

function selectorMessage(selector: ResourceSelector) {
  return {
    includedNamespaces: selector.includedNamespaces ?? [],
    excludedNamespaces: selector.excludedNamespaces ?? [],
    includedResources: selector.includedResources ?? [],
    excludedResources: selector.excludedResources ?? [],
    selector: selector.selector ?? '',
  };
}

function durationMessage(ms: number) {
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: Math.round((ms - seconds * 1000) * 1e6) };
}

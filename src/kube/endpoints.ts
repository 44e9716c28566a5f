/** Whether a Service can take traffic, from its EndpointSlices (or, on old clusters, its Endpoints). */
import type { EndpointSliceShape, EndpointsShape } from './shapes.js';

/** The label the EndpointSlice controller (and anyone mirroring it) puts on a Service's slices. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/**
 * True when some endpoint has an address and is ready. The API says an absent `ready` condition means
 * ready ("nil should be interpreted as true").
 */
export function slicesHaveReadyEndpoint(slices: EndpointSliceShape[]): boolean {
  return slices.some((slice) =>
    (slice.endpoints ?? []).some(
      (endpoint) => (endpoint.addresses ?? []).length > 0 && endpoint.conditions?.ready !== false,
    ),
  );
}

/** Endpoints list ready addresses under `addresses` (not-ready ones under `notReadyAddresses`). */
export function endpointsHaveReadyAddress(endpoints: EndpointsShape | undefined): boolean {
  return (endpoints?.subsets ?? []).some((subset) => (subset.addresses ?? []).length > 0);
}

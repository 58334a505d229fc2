// Request ids: every request gets one, echoed in the response and carried by every log line
// written while it is handled (lib/log.ts). A caller or the load balancer in front may send
// its own; anything that is not a short plain token is replaced, so log lines stay clean.
export const REQUEST_ID_HEADER = "x-request-id";

const SANE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/;

export function requestIdFor(incoming: string | null | undefined): string {
  return incoming && SANE_ID.test(incoming) ? incoming : crypto.randomUUID();
}

import "server-only";
import { recordDenial, type Denial, type DenialAction } from "../dal/audit";
import { log } from "../log";

// A refused credential is recorded (bounded, see recordDenial) but never becomes an error of its
// own: the caller gets the same answer whether or not the audit write worked. A failed write goes
// to the operator through the redacting logger, like every other log line.
export async function auditRefusal(action: DenialAction, describe: () => Denial | Promise<Denial>) {
  try {
    await recordDenial(action, await describe());
  } catch (error) {
    log.error({ err: error, action }, "could not audit a refusal");
  }
}

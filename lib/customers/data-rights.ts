// A customer's rights over their data: a copy of it (to them, or to an admin acting for them) and
// erasure by an admin. Each is audited here, whoever asks.
import "server-only";
import { recordAudit, type AuditActor } from "../dal/audit";
import { customerDataExport, type CustomerDataExport } from "../dal/customer-data";
import { eraseCustomerRows, type Erasure } from "../dal/erasure";
import { failure, success, type Result } from "../result";

const NO_CUSTOMER = "No such customer.";

// The customer's own copy needs no audit row: it is their data, shown to them.
export async function exportOwnData(userId: string): Promise<Result<CustomerDataExport>> {
  const data = await customerDataExport(userId);
  return data ? success(data) : failure("not_found", NO_CUSTOMER);
}

export async function exportCustomerData(
  userId: string,
  actor: AuditActor,
): Promise<Result<CustomerDataExport>> {
  const data = await customerDataExport(userId);
  if (!data) return failure("not_found", NO_CUSTOMER);
  await recordAudit(actor, "customer.export", { type: "User", id: userId });
  return success(data);
}

export async function eraseCustomer(
  { userId, reason }: { userId: string; reason: string },
  actor: { kind: "user"; id: string; email: string },
): Promise<Result<Erasure>> {
  const erasure = await eraseCustomerRows(userId, actor, reason);
  return erasure ? success(erasure) : failure("not_found", NO_CUSTOMER);
}

// The copy as a file download: pretty-printed, never cached (it is one person's data).
export function dataExportResponse(data: CustomerDataExport, name: string) {
  return new Response(`${JSON.stringify(data, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}-${data.exportedAt.slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
}

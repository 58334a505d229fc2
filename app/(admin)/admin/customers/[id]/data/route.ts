import { actorOf } from "@/lib/actions/admin/admin-action";
import { checkAdmin } from "@/lib/auth/admin";
import { dataExportResponse, exportCustomerData } from "@/lib/customers/data-rights";
import { failureResponse } from "@/lib/http/answers";
import { auditRefusal } from "@/lib/http/audit-refusal";
import { recordId } from "@/lib/input-schemas";
import { contextFromHeaders } from "@/lib/request-context";
import { failure } from "@/lib/result";

// An admin's copy of one customer's data (to answer a request made by email, say); audited.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const check = await checkAdmin();
  if (!check.ok) {
    const user = check.user;
    await auditRefusal("admin.denied", () => ({
      actor: user && { kind: "user", id: user.id, email: user.email },
      surface: "GET /admin/customers/[id]/data",
      reason: check.status === 401 ? "signed_out" : "not_admin",
      ip: contextFromHeaders(request.headers).ip,
    }));
    return failureResponse(failure(check.status === 401 ? "unauthorized" : "forbidden", check.message));
  }
  const id = recordId.safeParse((await params).id);
  if (!id.success) return failureResponse(failure("invalid_input", "id: must be a customer id"));
  const result = await exportCustomerData(id.data, actorOf(check.admin));
  if (result.status === "error") return failureResponse(result);
  return dataExportResponse(result.data, `customer-${id.data}`);
}

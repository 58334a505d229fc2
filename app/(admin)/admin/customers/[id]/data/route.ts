import { actorOf } from "@/lib/actions/admin/admin-action";
import { requireAdmin } from "@/lib/auth/admin";
import { dataExportResponse, exportCustomerData } from "@/lib/customers/data-rights";
import { failureResponse } from "@/lib/http/answers";
import { recordId } from "@/lib/input-schemas";
import { contextFromHeaders } from "@/lib/request-context";
import { failure } from "@/lib/result";

// An admin's copy of one customer's data (to answer a request made by email, say); audited.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const check = await requireAdmin(
    "GET /admin/customers/[id]/data",
    () => contextFromHeaders(request.headers).ip,
  );
  if (check.status === "error") return failureResponse(check);
  const id = recordId.safeParse((await params).id);
  if (!id.success) return failureResponse(failure("invalid_input", "id: must be a customer id"));
  const result = await exportCustomerData(id.data, actorOf(check.data));
  if (result.status === "error") return failureResponse(result);
  return dataExportResponse(result.data, `customer-${id.data}`);
}

import { getCurrentUser } from "@/lib/auth/session";
import { dataExportResponse, exportOwnData } from "@/lib/customers/data-rights";
import { failureResponse } from "@/lib/http/answers";
import { auditRefusal } from "@/lib/http/audit-refusal";
import { contextFromHeaders } from "@/lib/request-context";
import { failure } from "@/lib/result";

// The signed-in customer's copy of their data, as JSON. It takes no input: the session names
// whose data it is, so there is nothing to point at another customer.
export async function GET(request: Request) {
  const user = await getCurrentUser();
  if (!user) {
    await auditRefusal("account.denied", () => ({
      actor: null,
      surface: "GET /account/data",
      reason: "signed_out",
      ip: contextFromHeaders(request.headers).ip,
    }));
    return failureResponse(failure("unauthorized", "Sign in to download your data."));
  }
  const result = await exportOwnData(user.id);
  if (result.status === "error") return failureResponse(result);
  return dataExportResponse(result.data, "my-data");
}

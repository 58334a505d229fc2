import "server-only";
import { auditRefusal } from "../http/audit-refusal";
import { failure, success, type Result } from "../result";
import { getCurrentUser, type CurrentUser } from "./session";

// Every admin page, action and route calls one of these itself; the admin layout's check is not
// enough. A page shows nothing to a caller who is not an admin (the layout says why).
export async function checkAdmin(): Promise<Result<CurrentUser>> {
  return adminOf(await getCurrentUser());
}

// An action or a route handler: the same check, and a refusal is audited with the surface asked
// for, who asked (if signed in) and from where.
export async function requireAdmin(surface: string, ip: () => Promise<string | null> | string | null) {
  const user = await getCurrentUser();
  const check = adminOf(user);
  if (check.status === "error") {
    await auditRefusal("admin.denied", async () => ({
      actor: user && { kind: "user" as const, id: user.id, email: user.email },
      surface,
      reason: check.code === "unauthorized" ? "signed_out" : "not_admin",
      ip: await ip(),
    }));
  }
  return check;
}

function adminOf(user: CurrentUser | null): Result<CurrentUser> {
  if (!user) return failure("unauthorized", "Sign in as an admin.");
  if (!user.isAdmin) return failure("forbidden", "This needs an admin account.");
  return success(user);
}

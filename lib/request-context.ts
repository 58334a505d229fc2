import "server-only";
import { headers } from "next/headers";

export async function requestContext() {
  const list = await headers();
  const forwarded = list.get("x-forwarded-for")?.split(",")[0]?.trim();
  return { ip: forwarded || list.get("x-real-ip") || null, userAgent: list.get("user-agent") };
}

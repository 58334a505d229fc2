import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { refuseOverLimitSignIn } from "@/lib/auth/sign-in-limit";

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, context: Context) {
  const refused = await refuseOverLimitSignIn(request);
  if (refused) return refused;
  return NextAuth(request as never, { params: await context.params } as never, authOptions());
}

export { handler as GET, handler as POST };

import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { invalidAddressResponse, rateLimitedResponse, type SignInAttempt } from "@/lib/auth/sign-in-limit";
import { contextFromHeaders } from "@/lib/request-context";

type Context = { params: Promise<{ nextauth: string[] }> };

// The sign-in limit runs inside next-auth (its signIn callback), on the address it is about to
// mail; this handler only gives it the client address and turns a refusal into the limit's answer,
// or a refused address into its own.
async function handler(request: Request, context: Context) {
  const attempt: SignInAttempt = { clientIp: contextFromHeaders(request.headers).ip };
  const answer: Response = await NextAuth(
    request as never,
    { params: await context.params } as never,
    authOptions(attempt),
  );
  if (attempt.invalidAddress) return invalidAddressResponse(answer);
  return attempt.refusal ? rateLimitedResponse(answer, attempt.refusal) : answer;
}

export { handler as GET, handler as POST };

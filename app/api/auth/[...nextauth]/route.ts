import NextAuth from "next-auth";
import { authOptions, type AdapterFailure } from "@/lib/auth/options";
import { invalidAddressResponse, rateLimitedResponse, type SignInAttempt } from "@/lib/auth/sign-in-limit";
import { contextFromHeaders } from "@/lib/request-context";

type Context = { params: Promise<{ nextauth: string[] }> };

// The sign-in limit runs inside next-auth (its signIn callback), on the address it is about to
// mail; this handler only gives it the client address and turns a refusal into the limit's answer,
// or a refused address into its own. A database failure next-auth swallowed (it would answer
// "signed out" or an error page) is thrown again, so the request fails as unavailable
// (lib/http/outage.ts).
async function handler(request: Request, context: Context) {
  const attempt: SignInAttempt = { clientIp: contextFromHeaders(request.headers).ip };
  const failure: AdapterFailure = {};
  const answer: Response = await NextAuth(
    request as never,
    { params: await context.params } as never,
    authOptions(attempt, failure),
  );
  if (failure.error) throw failure.error;
  if (attempt.invalidAddress) return invalidAddressResponse(answer);
  return attempt.refusal ? rateLimitedResponse(answer, attempt.refusal) : answer;
}

export { handler as GET, handler as POST };

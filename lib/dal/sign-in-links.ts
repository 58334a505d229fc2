import "server-only";
import { db } from "../db";

const LINK_LOCK_NAMESPACE = 7_073; // pg_advisory_xact_lock(namespace, hashtext(address))

export type SignInLink = { identifier: string; token: string; expires: Date };

// next-auth's useVerificationToken (`token` arrives hashed), with the rule the Prisma adapter
// lacks: the link that signs in voids every other link of its address, so an older mail in the
// inbox is worth nothing once a newer one was used. Uses of one address take turns on an advisory
// lock: of two links opened at once, the second finds itself already voided and gets null. An
// expired link is removed without voiding the others (they may be newer), and a link without its
// address, which next-auth never sends, is refused.
export async function consumeSignInLink({
  identifier,
  token,
}: {
  identifier?: string;
  token: string;
}): Promise<SignInLink | null> {
  if (!identifier) return null;
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LINK_LOCK_NAMESPACE}::int, hashtext(${identifier}))`;
    const link = await tx.verificationToken.findUnique({
      where: { identifier_token: { identifier, token } },
    });
    if (!link) return null;
    const stillValid = link.expires > new Date();
    await tx.verificationToken.deleteMany({ where: stillValid ? { identifier } : { identifier, token } });
    return { identifier: link.identifier, token: link.token, expires: link.expires };
  });
}

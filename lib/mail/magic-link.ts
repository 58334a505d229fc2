// The sign-in email. The link is a credential: it goes into the message and nowhere else.
import "server-only";
import { composeEmail } from "./compose";
import type { SignInEmail } from "./templates/sign-in";
import { sendMail } from "./send";

export async function sendMagicLink({ to, ...link }: SignInEmail & { to: string }) {
  await sendMail(await composeEmail(to, { name: "signIn", props: link }));
}

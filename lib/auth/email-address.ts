// One mailbox per sign-in request. Address lists, quoted local parts and display names are
// refused before anything is sent, so a crafted input cannot route a link to a second inbox.
const SIMPLE_ADDRESS =
  /^[a-z0-9.!#$&'*+^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

export function normalizeEmail(input: string): string {
  const email = input.trim().toLowerCase();
  if (email.length > 254 || !SIMPLE_ADDRESS.test(email)) {
    throw new Error("Enter a single, plain email address.");
  }
  return email;
}

// The inbox an address delivers to, for counting sign-in mails: "me+1@x.com" and "me+2@x.com"
// reach one inbox, and Gmail ignores dots and answers for googlemail.com too. Only the limits use
// it; mail still goes to the address as typed.
export function inboxOf(email: string): string {
  const at = email.lastIndexOf("@");
  let local = email.slice(0, at).split("+")[0] || email.slice(0, at);
  let domain = email.slice(at + 1);
  if (domain === "googlemail.com") domain = "gmail.com";
  if (domain === "gmail.com") local = local.replaceAll(".", "");
  return `${local}@${domain}`;
}

export function isAdminEmail(email: string | null | undefined, adminEmails: string[]): boolean {
  return !!email && adminEmails.includes(email.toLowerCase());
}

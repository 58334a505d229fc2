// One mailbox per sign-in request. Address lists, quoted local parts and display names are
// refused before anything is sent, so a crafted input cannot route a link to a second inbox.
const SIMPLE_ADDRESS = /^[a-z0-9.!#$&'*+^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

export function normalizeEmail(input: string): string {
  const email = input.trim().toLowerCase();
  if (email.length > 254 || !SIMPLE_ADDRESS.test(email)) {
    throw new Error("Enter a single, plain email address.");
  }
  return email;
}

export function isAdminEmail(email: string | null | undefined, adminEmails: string[]): boolean {
  return !!email && adminEmails.includes(email.toLowerCase());
}

// Reads the local mail catcher's REST API (maildev): magic links and receipts.
const mailUi = () => {
  const url = process.env.MAIL_UI_URL;
  if (!url) throw new Error("MAIL_UI_URL is not set: the e2e journeys need the local mail catcher");
  return url;
};

export type Message = {
  id: string;
  from: { address: string; name: string }[];
  to: { address: string }[];
  subject: string;
  text: string;
  date: string;
};

export async function messagesTo(email: string, after = new Date(0)): Promise<Message[]> {
  const messages = (await (await fetch(`${mailUi()}/email`)).json()) as Message[];
  return messages
    .filter(
      (message) =>
        message.to.some((to) => to.address.toLowerCase() === email) && new Date(message.date) >= after,
    )
    .sort((a, b) => b.date.localeCompare(a.date));
}

export async function waitForMessage(
  email: string,
  matches: (message: Message) => boolean,
  after = new Date(0),
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = (await messagesTo(email, after)).find(matches);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no matching email reached ${email}`);
}

const MAGIC_LINK = /https?:\/\/\S+\/api\/auth\/callback\/email\S+/;

export async function latestMagicLink(email: string, after: Date): Promise<string> {
  const message = await waitForMessage(email, (candidate) => MAGIC_LINK.test(candidate.text), after);
  return message.text.match(MAGIC_LINK)![0];
}

// Everything the catcher received since `after`, to whomever it went.
export async function messagesSince(after: Date): Promise<Message[]> {
  const messages = (await (await fetch(`${mailUi()}/email`)).json()) as Message[];
  return messages.filter((message) => new Date(message.date) >= after);
}

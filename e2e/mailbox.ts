// Reads the local mail catcher's REST API (maildev) to find the magic link a user was sent.
const mailUi = () => {
  const url = process.env.MAIL_UI_URL;
  if (!url) throw new Error("MAIL_UI_URL is not set: the e2e journeys need the local mail catcher");
  return url;
};

type Message = { id: string; to: { address: string }[]; text: string; date: string };

export async function latestMagicLink(email: string, after: Date, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const messages = (await (await fetch(`${mailUi()}/email`)).json()) as Message[];
    const mine = messages
      .filter((message) => message.to.some((to) => to.address.toLowerCase() === email) && new Date(message.date) >= after)
      .sort((a, b) => b.date.localeCompare(a.date));
    const link = mine[0]?.text.match(/https?:\/\/\S+\/api\/auth\/callback\/email\S+/)?.[0];
    if (link) return link;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no sign-in email reached ${email}`);
}

import { formatBytes } from "../format";
import { emailLayout, escapeHtml } from "./layout";
import type { MailMessage } from "./send";

// "A file is waiting for you": names the file, never links to it directly. The button opens the
// library, where the download goes through sign-in and the usual checks.
export function customerFileEmail(
  file: { email: string; title: string; filename: string; sizeBytes: number; note: string },
  appUrl: string,
): MailMessage {
  const library = `${appUrl}/library`;
  const size = formatBytes(file.sizeBytes);
  const note = file.note ? `\n\n${file.note}` : "";
  return {
    to: file.email,
    subject: `A file for you: ${file.title}`,
    text: `The seller added a file to your library, for you only.\n\n${file.title}: ${file.filename} (${size})${note}\n\nDownload it from your library: ${library}\nSign in with ${file.email}.\n`,
    html: emailLayout({
      title: "A file for you",
      bodyHtml: `The seller added a file to your library, for you only.<br><br><strong>${escapeHtml(file.title)}</strong>: ${escapeHtml(file.filename)} (${escapeHtml(size)})${
        file.note ? `<br>${escapeHtml(file.note)}` : ""
      }<br><br>Sign in with ${escapeHtml(file.email)} to download it.`,
      link: { href: library, label: "Open your library" },
    }),
  };
}

// Prints every sample email as rendered in this process, as JSON: tests/emails.test.ts runs it
// under the "react-server" condition, the one the app's server bundle and `npm run emails:send` use.
import { renderEmail } from "../../lib/mail/registry";
import { hostile, hostileBrand, sampleEmails } from "./email-samples";

const rendered = Object.values(sampleEmails(hostile)).map((email) => renderEmail(email, hostileBrand));
process.stdout.write(JSON.stringify(rendered));

// Files made for one customer, as the admin page and the publishing API send them.
import { z } from "zod";
import { normalizeEmail } from "../auth/email-address";
import { lineText, recordId } from "../input-schemas";
import { CUSTOMER_FILE_NOTE_MAX, CUSTOMER_FILE_TITLE_MAX } from "./limits";
import { fileFields, withContentType } from "./uploads";

const customerFileFields = {
  title: lineText(CUSTOMER_FILE_TITLE_MAX).pipe(
    z.string().min(1, "give the file a title the customer will see"),
  ),
  note: lineText(CUSTOMER_FILE_NOTE_MAX).default(""),
  ...fileFields,
};

// The admin page names the customer by id.
export const customerFileInput = z
  .object({ userId: recordId, ...customerFileFields })
  .transform(withContentType);
// What the customer-file service takes: parsed (a note, a content type).
export type CustomerFile = z.output<typeof customerFileInput>;

// The API names them by the address they buy and sign in with.
export const customerFileBody = z
  .strictObject({
    email: z
      .string()
      .max(254)
      .transform((value, context) => {
        try {
          return normalizeEmail(value);
        } catch {
          context.addIssue({ code: "custom", message: "must be one plain email address, the customer's" });
          return z.NEVER;
        }
      }),
    ...customerFileFields,
  })
  .transform(withContentType);

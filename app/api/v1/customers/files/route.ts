import { apiJson } from "@/lib/http/answers";
import { publishingEndpoint } from "@/lib/http/publishing-endpoint";
import { customerFileBody } from "@/lib/schemas/customers";
import { startCustomerFileUploadFor } from "@/lib/publishing/customer-files";

// Starts the multipart upload of a file for one customer (a licence file or an invoice a
// pipeline generated), or resumes the open one with the same name and size. Parts and
// completion go through /api/v1/files/{fileId}/…; the customer is emailed once it completes.
export const POST = publishingEndpoint({
  scopes: ["customer-files"],
  body: customerFileBody,
  handle: async ({ actor, body: { email, ...file } }) =>
    apiJson(await startCustomerFileUploadFor(email, file, actor)),
});

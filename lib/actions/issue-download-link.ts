"use server";

import { getCurrentUser } from "../auth/session";
import { issueLinkFor, type DownloadLink } from "../delivery/issue-link";
import { requestContext } from "../request-context";
import type { ActionResult } from "./result";

export async function issueDownloadLink(fileId: unknown): Promise<ActionResult<DownloadLink>> {
  return issueLinkFor(await getCurrentUser(), fileId, await requestContext());
}

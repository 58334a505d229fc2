"use server";

import { getCurrentUser } from "../auth/session";
import { issueLinkFor, type DownloadLink } from "../delivery/issue-link";
import { requestContext } from "../request-context";
import { toActionState, type ActionState } from "./action-state";

export async function issueDownloadLink(fileId: unknown): Promise<ActionState<DownloadLink>> {
  return toActionState(await issueLinkFor(await getCurrentUser(), fileId, await requestContext()));
}

"use server";

import { z } from "zod";
import { recordId } from "../../input-schemas";
import { presignPartsBody, recordPartBody, startUploadInput, uploadPartNumber } from "../../schemas/uploads";
import { abortUpload, completeUpload, presignParts, recordPart, startUpload } from "../../publishing/uploads";
import { success } from "../../result";
import { actorOf, adminAction } from "./admin-action";

// The browser uploads bytes straight to the bucket; these actions only start, sign, record
// and finish multipart uploads.
const fileId = recordId;

export const startUploadAction = adminAction("startUploadAction", startUploadInput, async (input, admin) =>
  success(await startUpload(input, actorOf(admin))),
);

export const presignPartsAction = adminAction(
  "presignPartsAction",
  z.object({ fileId, ...presignPartsBody.shape }),
  async ({ fileId, partNumbers }, admin) => success(await presignParts(fileId, partNumbers, actorOf(admin))),
);

export const recordPartAction = adminAction(
  "recordPartAction",
  z.object({ fileId, partNumber: uploadPartNumber, ...recordPartBody.shape }),
  async ({ fileId, ...part }, admin) => {
    await recordPart(fileId, part, actorOf(admin));
    return success(null);
  },
);

export const completeUploadAction = adminAction(
  "completeUploadAction",
  z.object({ fileId }),
  async ({ fileId }, admin) => success(await completeUpload(fileId, actorOf(admin))),
);

export const abortUploadAction = adminAction(
  "abortUploadAction",
  z.object({ fileId }),
  async ({ fileId }, admin) => {
    await abortUpload(fileId, actorOf(admin));
    return success(null);
  },
);

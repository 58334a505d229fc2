"use client";

import { startUploadAction } from "@/lib/actions/admin/uploads";
import { releaseBuildUpload } from "@/lib/browser/upload-kinds";
import { PLATFORMS, platformChoiceLabel, type Platform } from "@/lib/platforms";
import { inputClass } from "./form-message";
import { UploadQueuePanel } from "./upload-queue-panel";
import { useUploadQueue } from "./use-upload-queue";

// Drop several builds at once, give each its platform, upload them three at a time straight to
// the bucket. Each pauses and resumes on its own; a reload resumes them from this browser's copy.
export function ReleaseUploader({ releaseId }: { releaseId: string }) {
  const [queue, items] = useUploadQueue(`release:${releaseId}`, releaseBuildUpload, ({ platform, ...file }) =>
    startUploadAction({ releaseId, platform: platform!, ...file }),
  );
  return (
    <UploadQueuePanel
      queue={queue}
      items={items}
      heading="Upload builds"
      dropText="Drop build files here"
      inputLabel="Build files"
      details={(item) => (
        <select
          value={item.details.platform ?? ""}
          disabled={item.phase !== "ready"}
          onChange={(event) =>
            queue.setDetails(item.id, { platform: (event.target.value || null) as Platform | null })
          }
          aria-label={`Platform of ${item.filename}`}
          className={inputClass.replace("w-full", "w-auto")}
        >
          <option value="">Platform…</option>
          {PLATFORMS.map((platform) => (
            <option key={platform} value={platform}>
              {platformChoiceLabel(platform)}
            </option>
          ))}
        </select>
      )}
    />
  );
}

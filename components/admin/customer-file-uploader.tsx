"use client";

import { startCustomerFileUploadAction } from "@/lib/actions/admin/customer-files";
import { customerFileUpload, type CustomerFileDetails } from "@/lib/browser/upload-kinds";
import { CUSTOMER_FILE_NOTE_MAX, CUSTOMER_FILE_TITLE_MAX } from "@/lib/schemas/limits";
import { inputClass } from "./form-message";
import { UploadQueuePanel } from "./upload-queue-panel";
import { useUploadQueue } from "./use-upload-queue";

// What the customer reads about each file: its title and an optional note.
const FIELDS = [
  {
    name: "title",
    label: "Title of",
    max: CUSTOMER_FILE_TITLE_MAX,
    placeholder: "Title, e.g. Invoice 2026-11",
  },
  {
    name: "note",
    label: "Note for",
    max: CUSTOMER_FILE_NOTE_MAX,
    placeholder: "Note for the customer (optional)",
  },
] as const satisfies { name: keyof CustomerFileDetails; [more: string]: unknown }[];

// Files for one customer (a custom build, a licence file, an invoice), several at once. They
// upload like release builds, straight to the bucket in parts, and resume after a reload.
export function CustomerFileUploader({ userId }: { userId: string }) {
  const [queue, items] = useUploadQueue(`customer:${userId}`, customerFileUpload, (file) =>
    startCustomerFileUploadAction({ userId, ...file, note: file.note.trim() || undefined }),
  );
  return (
    <UploadQueuePanel
      queue={queue}
      items={items}
      heading="Attach files for this customer"
      dropText="Drop files for this customer here"
      inputLabel="Customer files"
      details={(item) =>
        item.phase === "ready" ? (
          // A line of their own, under the file's name and its buttons.
          <div className="order-last grid w-full gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]">
            {FIELDS.map((field) => (
              <input
                key={field.name}
                value={item.details[field.name]}
                onChange={(event) => queue.setDetails(item.id, { [field.name]: event.target.value })}
                maxLength={field.max}
                placeholder={field.placeholder}
                aria-label={`${field.label} ${item.filename}`}
                className={inputClass}
              />
            ))}
          </div>
        ) : (
          <span className="text-sm text-zinc-700">{item.details.title}</span>
        )
      }
    />
  );
}

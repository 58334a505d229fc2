"use client";

import { useState, useTransition } from "react";
import { issueDownloadLink } from "@/lib/actions/issue-download-link";

export function DownloadButton({ fileId, filename }: { fileId: string; filename: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  return (
    <span className="flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        aria-label={`Download ${filename}`}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            const result = await issueDownloadLink(fileId);
            if (result.status === "success") window.location.assign(result.data.url);
            else if (result.status === "error") setError(result.message);
          })
        }
        className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
      >
        {pending ? "Preparing…" : "Download"}
      </button>
      {error && (
        <span role="alert" className="text-sm text-red-600">
          {error}
        </span>
      )}
    </span>
  );
}

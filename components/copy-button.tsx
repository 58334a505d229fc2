"use client";

import { useState } from "react";

// `value` may be a path: it is copied as an absolute URL on this origin.
export function CopyButton({ value, label, text = "copy" }: { value: string; label: string; text?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={async () => {
        const copy = value.startsWith("/") ? new URL(value, window.location.origin).href : value;
        await navigator.clipboard.writeText(copy);
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      }}
      className="rounded px-1 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-800"
    >
      {copied ? "copied" : text}
    </button>
  );
}

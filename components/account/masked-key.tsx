"use client";

import { useState } from "react";
import { CopyButton } from "../copy-button";

// A licence key with its middle groups hidden until asked for ("DL-•••••-•••••-•••••-0PHRZ"), so a
// screenshot or a shared screen of the account page does not hand it out; copying needs no reveal.
export function MaskedKey({ value, product, revoked }: { value: string; product: string; revoked: boolean }) {
  const [shown, setShown] = useState(false);
  const groups = value.split("-");
  const masked = groups
    .map((group, index) => (index === 0 || index === groups.length - 1 ? group : "•".repeat(group.length)))
    .join("-");
  return (
    <span className="flex flex-wrap items-center gap-1">
      <code
        className={`break-all font-mono font-medium ${revoked ? "text-zinc-400 line-through" : "text-zinc-900"}`}
        data-testid="masked-key"
      >
        {shown ? value : masked}
      </code>
      <button
        type="button"
        onClick={() => setShown(!shown)}
        aria-pressed={shown}
        aria-label={`${shown ? "Hide" : "Show"} the licence key for ${product}`}
        className="rounded px-1 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-800"
      >
        {shown ? "hide" : "show"}
      </button>
      {!revoked && <CopyButton value={value} label={`Copy the licence key for ${product}`} />}
    </span>
  );
}

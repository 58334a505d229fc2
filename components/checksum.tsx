import { CopyButton } from "./copy-button";

// A SHA-256 in a line of text: its start to recognise it, and the whole value one click away,
// selectable in one go (select-all) and copyable, for `shasum -a 256 -c` or a release note.
export function Checksum({ value }: { value: string }) {
  return (
    <span className="inline-flex max-w-full items-start gap-1 font-mono text-xs text-zinc-500">
      <details className="min-w-0">
        <summary className="cursor-pointer" title={value}>
          sha256:{value.slice(0, 12)}…
        </summary>
        <code className="block select-all break-all text-zinc-700" data-testid="sha256">
          {value}
        </code>
      </details>
      <CopyButton value={value} label="Copy SHA-256" />
    </span>
  );
}

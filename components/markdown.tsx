import ReactMarkdown from "react-markdown";

// react-markdown renders no raw HTML, so seller-written Markdown cannot inject markup.
export function Markdown({ children }: { children: string }) {
  return (
    <div className="prose-notes">
      <ReactMarkdown>{children}</ReactMarkdown>
    </div>
  );
}

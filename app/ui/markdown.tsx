/** HTML produced on the server by renderMarkdown (app/lib/markdown.server.ts), which escapes raw HTML. */
export function RenderedMarkdown({ html }: { html: string }) {
  return <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />;
}

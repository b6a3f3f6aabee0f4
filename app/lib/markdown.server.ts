import MarkdownIt from "markdown-it";

// Raw HTML is escaped (html: false) and markdown-it refuses javascript: and data: links, so staff text cannot inject scripts.
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true });

export function renderMarkdown(text: string): string {
  return markdown.render(text);
}

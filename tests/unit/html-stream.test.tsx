import { PassThrough, type Writable } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { withoutZeroBytes } from "../../app/lib/html-stream.server";

/** Many short Vietnamese attributes: some multi-byte character lands on the renderer's 2 KB buffer boundary. */
const page = (
  <table>
    <tbody>
      {Array.from({ length: 400 }, (_, index) => (
        <tr key={index}>
          <td data-label="Dự án đạt giải">{index}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

function render(through: Writable & NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    through.on("data", (chunk: Buffer) => chunks.push(chunk));
    through.on("end", () => resolve(Buffer.concat(chunks)));
    through.on("error", reject);
    const { pipe } = renderToPipeableStream(page, { onAllReady: () => pipe(through), onShellError: reject });
  });
}

describe("the HTML stream", () => {
  it("React 18's renderer alone sends zero bytes where a character did not fit its buffer", async () => {
    const html = await render(new PassThrough());
    expect(html.includes(0)).toBe(true);
  });

  it("leaves none, and every label arrives whole", async () => {
    const html = await render(withoutZeroBytes());
    expect(html.includes(0)).toBe(false);
    const text = html.toString("utf8");
    expect(text).not.toContain("\uFFFD");
    expect(text.match(/data-label="Dự án đạt giải"/g)).toHaveLength(400);
  });
});

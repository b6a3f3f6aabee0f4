import { describe, expect, it } from "vitest";
import { readForm, readMultipartForm } from "../../app/lib/forms.server";

/** What a browser sends for one form: text fields and files, framed by hand so that a test controls every byte. */
function multipart(
  parts: Array<
    | { name: string; value: string }
    | { name: string; filename: string; bytes?: Uint8Array | string; disposition?: string }
  >,
  boundary = "----formboundary7MA4YWxk",
): string {
  let body = "";
  for (const part of parts) {
    body += `--${boundary}\r\n`;
    if ("value" in part) body += `Content-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`;
    else {
      body += `Content-Disposition: ${part.disposition ?? `form-data; name="${part.name}"; filename="${part.filename}"`}\r\nContent-Type: application/pdf\r\n\r\n`;
      body += typeof part.bytes === "string" ? part.bytes : Buffer.from(part.bytes ?? "%PDF-1.4\n").toString("latin1");
      body += "\r\n";
    }
  }
  return `${body}--${boundary}--\r\n`;
}

function post(body: BodyInit | null, contentType: string | null, headers: Record<string, string> = {}): Request {
  const init: RequestInit & { duplex?: "half" } = {
    method: "POST",
    body,
    headers: { ...(contentType ? { "Content-Type": contentType } : {}), ...headers },
    duplex: "half",
  };
  const request = new Request("http://localhost/form", init);
  // A Request given a string body labels it text/plain itself: a test of "no Content-Type" must remove that label.
  if (!contentType) request.headers.delete("Content-Type");
  return request;
}

const BOUNDARY = "multipart/form-data; boundary=----formboundary7MA4YWxk";
const latin1 = (text: string) => Buffer.from(text, "latin1");

async function refusal(promise: Promise<unknown>): Promise<{ status: number; text: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return { status: error.status, text: await error.text() };
    throw error;
  }
  throw new Error("expected the form to be refused");
}

/** A chunked body (no Content-Length), counting how many bytes the reader pulled before it stopped. */
function chunked(chunks: () => Iterator<Uint8Array>): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  const source = chunks();
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = source.next();
        if (next.done) return controller.close();
        pulled += next.value.byteLength;
        controller.enqueue(next.value);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled };
}

describe("malformed multipart bodies are the sender's error (400), never a crash", () => {
  const cases: Array<[string, string, string]> = [
    ["without a boundary", "multipart/form-data", multipart([{ name: "email", value: "a@b.vn" }])],
    ["with an empty boundary", "multipart/form-data; boundary=", multipart([{ name: "email", value: "a@b.vn" }])],
    [
      "cut off in the middle of a part",
      BOUNDARY,
      multipart([
        { name: "email", value: "a@b.vn" },
        { name: "password", value: "x".repeat(50) },
      ]).slice(0, 120),
    ],
    [
      "without its closing boundary",
      BOUNDARY,
      multipart([{ name: "email", value: "a@b.vn" }]).replace(/--\r\n$/, "\r\n"),
    ],
    [
      "whose part headers never end",
      BOUNDARY,
      `------formboundary7MA4YWxk\r\nContent-Disposition: form-data; name="a"${"x".repeat(40_000)}`,
    ],
    ["that is not multipart at all", BOUNDARY, "email=a%40b.vn&password=x"],
  ];
  it.each(cases)("answers 400 with a Vietnamese message to a body %s (text form)", async (_name, type, body) => {
    const answer = await refusal(readForm(post(body, type)));
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/Biểu mẫu gửi lên bị hỏng/);
  });
  it.each(cases)("answers 400 to a body %s (upload form)", async (_name, type, body) => {
    const answer = await refusal(readMultipartForm(post(body, type), { maxFileBytes: 1024 }));
    expect(answer.status).toBe(400);
  });
});

describe("file names as browsers send them", () => {
  const names = [
    "giấy phép (bản sao)=1.pdf",
    "Hop dong; ban sao.pdf",
    'Tờ trình "bản cuối".pdf',
    "báo cáo; quý=3 (bản 'sửa').pdf",
  ];
  it.each(names)("reads the file named %s with its name whole", async (name) => {
    // Browsers send the name as raw UTF-8 in a quoted string, escaping only the double quote (%22 in Chrome, \" in older Firefox).
    const escaped = name.replace(/"/g, "%22");
    const body = Buffer.concat([
      latin1(`------formboundary7MA4YWxk\r\nContent-Disposition: form-data; name="document"; filename="`),
      Buffer.from(
        `${escaped}"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n\r\n------formboundary7MA4YWxk\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nkế hoạch\r\n------formboundary7MA4YWxk--\r\n`,
        "utf8",
      ),
    ]);
    const form = await readMultipartForm(post(body, BOUNDARY), { maxFileBytes: 1024 });
    const file = form.get("document");
    expect(file).toBeInstanceOf(File);
    expect((file as File).name).toBe(name);
    expect(await (file as File).text()).toBe("%PDF-1.4\n");
    expect(form.get("purpose")).toBe("kế hoạch");
  });

  it("reads an RFC 5987 filename* in preference to the plain one", async () => {
    const body = multipart([
      {
        name: "document",
        filename: "",
        disposition: `form-data; name="document"; filename="giay phep.pdf"; filename*=UTF-8''gi%E1%BA%A5y%20ph%C3%A9p%3B%20b%E1%BA%A3n%3D1.pdf`,
      },
    ]);
    const form = await readMultipartForm(post(body, BOUNDARY), { maxFileBytes: 1024 });
    expect((form.get("document") as File).name).toBe("giấy phép; bản=1.pdf");
  });

  it("keeps only the last segment of a path a browser sent as the name", async () => {
    const body = multipart([{ name: "document", filename: "C:\\Users\\an\\ke-hoach.pdf" }]);
    const form = await readMultipartForm(post(body, BOUNDARY), { maxFileBytes: 1024 });
    expect((form.get("document") as File).name).toBe("ke-hoach.pdf");
  });

  it("reads what the platform's own FormData sends (names with = and ;)", async () => {
    const sent = new FormData();
    sent.append("document", new File(["%PDF-1.4\n"], "giấy phép (bản sao)=1; bản 2.pdf", { type: "application/pdf" }));
    sent.append("note", "ghi chú");
    const form = await readMultipartForm(new Request("http://localhost/form", { method: "POST", body: sent }), {
      maxFileBytes: 1024,
    });
    expect((form.get("document") as File).name).toBe("giấy phép (bản sao)=1; bản 2.pdf");
    expect((form.get("document") as File).type).toBe("application/pdf");
    expect(form.get("note")).toBe("ghi chú");
  });

  it("gives an empty file input as an empty, nameless file, as the browser's own FormData would", async () => {
    const body = `------formboundary7MA4YWxk\r\nContent-Disposition: form-data; name="document"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n------formboundary7MA4YWxk--\r\n`;
    const form = await readMultipartForm(post(body, BOUNDARY), { maxFileBytes: 1024 });
    const file = form.get("document") as File;
    expect(file).toBeInstanceOf(File);
    expect(file.size).toBe(0);
    expect(file.name).toBe("");
  });
});

describe("a form of the other encoding", () => {
  it("reads a url-encoded form posted to an upload route as a form without files", async () => {
    const form = await readMultipartForm(
      post("purpose=k%E1%BA%BF+ho%E1%BA%A1ch&requirementId=r1", "application/x-www-form-urlencoded"),
      { maxFileBytes: 1024 },
    );
    expect(form.get("purpose")).toBe("kế hoạch");
    expect(form.get("document")).toBeNull();
  });

  it("reads the type whatever its case and parameters", async () => {
    const form = await readForm(post("a=1", "Application/X-WWW-Form-Urlencoded; charset=UTF-8"));
    expect(form.get("a")).toBe("1");
  });
});

describe("only form encodings are forms (415 otherwise)", () => {
  const refused: Array<[string, string | null, string]> = [
    ["text/plain", "text/plain", "email=a%40b.vn\r\npassword=x"],
    ["text/plain; charset=UTF-8", "text/plain; charset=UTF-8", "email=a@b.vn"],
    ["application/json", "application/json", JSON.stringify({ email: "a@b.vn", password: "x" })],
    ["a missing Content-Type with a body", null, "email=a%40b.vn&password=x"],
    ["an unknown type", "application/octet-stream", "email=a%40b.vn"],
  ];
  it.each(refused)("refuses %s on a text form with 415 and a Vietnamese message", async (_name, type, body) => {
    const answer = await refusal(readForm(post(body, type)));
    expect(answer.status).toBe(415);
    expect(answer.text).toMatch(/415 – Biểu mẫu chỉ nhận/);
  });
  it.each(refused)("refuses %s on an upload form with 415", async (_name, type, body) => {
    expect((await refusal(readMultipartForm(post(body, type), { maxFileBytes: 1024 }))).status).toBe(415);
  });

  it("reads an empty body without a type as an empty form", async () => {
    expect([...(await readForm(post(null, null))).keys()]).toEqual([]);
    expect([...(await readForm(post("", null))).keys()]).toEqual([]);
  });
});

describe("limits are enforced while the body streams in", () => {
  const boundary = "----formboundary7MA4YWxk";
  const encoder = new TextEncoder();
  const MB = 1024 * 1024;

  /** A multipart body of `files` parts of `size` bytes each, produced 64 KB at a time, never whole. */
  function* fileParts(files: number, size: number): Iterator<Uint8Array> {
    const block = new Uint8Array(64 * 1024).fill(0x41);
    for (let f = 0; f < files; f++) {
      yield encoder.encode(
        `--${boundary}\r\nContent-Disposition: form-data; name="document"; filename="tep-${f}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      );
      for (let sent = 0; sent < size; sent += block.byteLength) yield block;
      yield encoder.encode("\r\n");
    }
    yield encoder.encode(`--${boundary}--\r\n`);
  }

  it("answers 413 as soon as one file passes its size, without reading the rest", async () => {
    const body = chunked(() => fileParts(50, 4 * MB));
    const answer = await refusal(readMultipartForm(post(body.stream, BOUNDARY), { maxFileBytes: 1 * MB }));
    expect(answer.status).toBe(413);
    expect(answer.text).toMatch(/quá lớn/);
    expect(body.pulled()).toBeLessThan(3 * MB);
  });

  it("answers 413 when more files come than the form takes, before their bytes are kept", async () => {
    const body = chunked(() => fileParts(200, 512 * 1024));
    const answer = await refusal(readMultipartForm(post(body.stream, BOUNDARY), { maxFileBytes: 1 * MB }));
    expect(answer.status).toBe(413);
    expect(body.pulled()).toBeLessThan(3 * MB);
  });

  it("answers 413 when bytes the parser skips (a part without a name, an endless epilogue) pass the whole body's limit", async () => {
    const block = new Uint8Array(64 * 1024).fill(0x41);
    function* unnamedPart(): Iterator<Uint8Array> {
      yield encoder.encode(`--${boundary}\r\nContent-Type: application/pdf\r\n\r\n`);
      for (;;) yield block;
    }
    function* epilogue(): Iterator<Uint8Array> {
      yield encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--${boundary}--\r\n`);
      for (;;) yield block;
    }
    for (const source of [unnamedPart, epilogue]) {
      const body = chunked(source);
      const answer = await refusal(readMultipartForm(post(body.stream, BOUNDARY), { maxFileBytes: 1 * MB }));
      expect(answer.status).toBe(413);
      // The whole body of a form of one 1 MB file and 64 KB of text: the reader stops there.
      expect(body.pulled()).toBeLessThan(1 * MB + 64 * 1024 + block.byteLength * 2);
    }
  });

  it("answers 413 to a field over its size and to too many fields", async () => {
    const long = multipart([{ name: "note", value: "x".repeat(70 * 1024) }]);
    expect((await refusal(readMultipartForm(post(long, BOUNDARY), { maxFileBytes: 1024 }))).status).toBe(413);
    const many = multipart(Array.from({ length: 1001 }, (_, i) => ({ name: `f${i}`, value: "1" })));
    expect((await refusal(readMultipartForm(post(many, BOUNDARY), { maxFileBytes: 1024 }))).status).toBe(413);
    expect(
      (
        await refusal(
          readForm(
            post(Array.from({ length: 1001 }, (_, i) => `f${i}=1`).join("&"), "application/x-www-form-urlencoded"),
          ),
        )
      ).status,
    ).toBe(413);
  });

  it("answers 413 to a file on a form that takes none", async () => {
    const body = multipart([
      { name: "email", value: "a@b.vn" },
      { name: "avatar", filename: "a.pdf", bytes: "x".repeat(100) },
    ]);
    expect((await refusal(readForm(post(body, BOUNDARY)))).status).toBe(413);
  });

  it("accepts a file exactly at its limit and the text fields beside it", async () => {
    const body = multipart([
      { name: "purpose", value: "other" },
      { name: "document", filename: "a.pdf", bytes: "x".repeat(1024) },
    ]);
    const form = await readMultipartForm(post(body, BOUNDARY), { maxFileBytes: 1024 });
    expect((form.get("document") as File).size).toBe(1024);
    expect(form.get("purpose")).toBe("other");
  });

  it("still refuses a declared Content-Length over the total before reading anything", async () => {
    const body = chunked(() => fileParts(1, 10));
    const answer = await refusal(
      readMultipartForm(post(body.stream, BOUNDARY, { "Content-Length": String(200 * MB) }), { maxFileBytes: 1 * MB }),
    );
    expect(answer.status).toBe(413);
    expect(body.pulled()).toBe(0);
  });
});

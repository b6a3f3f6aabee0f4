import { describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import * as files from "../../app/routes/files.$id";
import * as login from "../../app/routes/login";
import * as logout from "../../app/routes/logout";
import * as organisation from "../../app/routes/organisations.$id._index";
import { call, countRows, createOrganisation, createUser, makeRequest, TINY_PDF } from "../helpers/fixtures";

const BOUNDARY = "----formboundaryQ7xk";

/** A document upload as a browser frames it, with the file name written raw (UTF-8) in the part header. */
function rawUpload(fileName: string, bytes: Uint8Array = TINY_PDF): Uint8Array<ArrayBuffer> {
  const body = Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="document"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`,
      "utf8",
    ),
    bytes,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`, "utf8"),
  ]);
  return new Uint8Array(body);
}

async function uploader() {
  const applicant = await createUser("applicant");
  const id = await createOrganisation(`Công ty thử biểu mẫu ${Math.random().toString(36).slice(2, 8)}`, [applicant.id]);
  return { applicant, id };
}

async function storedNames(organisationId: string): Promise<string[]> {
  const rows = await getDb()
    .selectFrom("attachments")
    .select("original_name")
    .where("owner_id", "=", organisationId)
    .orderBy("created_at")
    .execute();
  return rows.map((row) => row.original_name);
}

describe("a broken body is the sender's error, on every form", () => {
  const broken: Array<[string, string, string]> = [
    [
      "a multipart body without a boundary",
      "multipart/form-data",
      `--x\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.vn\r\n--x--\r\n`,
    ],
    [
      "a multipart body cut off",
      `multipart/form-data; boundary=${BOUNDARY}`,
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b`,
    ],
    [
      "a multipart body without its closing boundary",
      `multipart/form-data; boundary=${BOUNDARY}`,
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.vn\r\n`,
    ],
  ];
  it.each(broken)(
    "answers %s to the login form with 400 and a Vietnamese message, writing nothing",
    async (_name, type, body) => {
      const before = await countRows("login_attempts");
      const result = await call(login.action, makeRequest("/login", { body, headers: { "Content-Type": type } }));
      expect(result.status).toBe(400);
      expect(result.data).toMatch(/Biểu mẫu gửi lên bị hỏng/);
      expect(await countRows("login_attempts")).toBe(before);
    },
  );

  it.each(broken)("answers %s to an upload form with 400 and stores nothing", async (_name, type, body) => {
    const { applicant, id } = await uploader();
    const result = await call(
      organisation.action,
      makeRequest(`/organisations/${id}`, { cookie: applicant.cookie, body, headers: { "Content-Type": type } }),
      { id },
    );
    expect(result.status).toBe(400);
    expect(await storedNames(id)).toEqual([]);
  });
});

describe("only the two form encodings are forms", () => {
  const notForms: Array<[string, string, string]> = [
    ["text/plain", "text/plain;charset=UTF-8", "email=a@b.vn\r\npassword=x"],
    ["JSON", "application/json", JSON.stringify({ email: "a@b.vn", password: "mat-khau-dai-du" })],
  ];
  it.each(notForms)("refuses a %s body to the login form with 415", async (_name, type, body) => {
    const result = await call(login.action, makeRequest("/login", { body, headers: { "Content-Type": type } }));
    expect(result.status).toBe(415);
    expect(result.data).toMatch(
      /Biểu mẫu chỉ nhận dữ liệu dạng application\/x-www-form-urlencoded hoặc multipart\/form-data/,
    );
  });

  it("refuses a JSON body even on an action whose form carries nothing (logging out), and keeps the session", async () => {
    const user = await createUser("staff");
    const result = await call(
      logout.action,
      makeRequest("/logout", { cookie: user.cookie, body: "{}", headers: { "Content-Type": "application/json" } }),
    );
    expect(result.status).toBe(415);
    expect(await countRows("sessions")).toBeGreaterThan(0);
    const empty = await call(logout.action, makeRequest("/logout", { method: "POST", cookie: user.cookie }));
    expect(empty.status).toBe(302);
  });

  it("refuses a body without a Content-Type with 415", async () => {
    const request = makeRequest("/login", { body: "email=a%40b.vn&password=x" });
    request.headers.delete("Content-Type");
    expect((await call(login.action, request)).status).toBe(415);
  });

  it("reads a url-encoded form posted to an upload route as a form: the file is missing, next to its field", async () => {
    const { applicant, id } = await uploader();
    const result = await call(
      organisation.action,
      makeRequest(`/organisations/${id}`, { cookie: applicant.cookie, form: { document: "giay-phep.pdf" } }),
      { id },
    );
    expect(result.status).toBe(400);
    expect(result.data.errors.document).toBe("Vui lòng chọn tệp.");
  });
});

describe("file names as people name them", () => {
  it.each(["giấy phép (bản sao)=1.pdf", "Hop dong; ban sao.pdf", "báo cáo; quý=3 (bản 'sửa').pdf"])(
    "stores %s under its own name",
    async (name) => {
      const { applicant, id } = await uploader();
      const result = await call(
        organisation.action,
        makeRequest(`/organisations/${id}`, {
          cookie: applicant.cookie,
          body: rawUpload(name),
          headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
        }),
        { id },
      );
      expect(result.status).toBe(302);
      expect(await storedNames(id)).toEqual([name]);
    },
  );

  it("stores a name sent by the platform's FormData with = and ; in it", async () => {
    const { applicant, id } = await uploader();
    const form = new FormData();
    form.append("document", new File([TINY_PDF], "Hợp đồng; bản sao=2.pdf", { type: "application/pdf" }));
    const result = await call(
      organisation.action,
      makeRequest(`/organisations/${id}`, { cookie: applicant.cookie, form }),
      { id },
    );
    expect(result.status).toBe(302);
    expect(await storedNames(id)).toEqual(["Hợp đồng; bản sao=2.pdf"]);
  });

  it("stores a name without its right-to-left override or control characters, and serves it so", async () => {
    const { applicant, id } = await uploader();
    const form = new FormData();
    form.append(
      "document",
      new File([TINY_PDF], "hoa-don\u202Efdp.exe\u009b\u2066\u200f.pdf", { type: "application/pdf" }),
    );
    const result = await call(
      organisation.action,
      makeRequest(`/organisations/${id}`, { cookie: applicant.cookie, form }),
      { id },
    );
    expect(result.status).toBe(302);
    expect(await storedNames(id)).toEqual(["hoa-donfdp.exe.pdf"]);
    const attachment = await getDb()
      .selectFrom("attachments")
      .select("id")
      .where("owner_id", "=", id)
      .executeTakeFirstOrThrow();
    const served = await call(files.loader, makeRequest(`/files/${attachment.id}`, { cookie: applicant.cookie }), {
      id: attachment.id,
    });
    expect(served.headers.get("Content-Disposition")).toBe(
      `inline; filename*=UTF-8''${encodeURIComponent("hoa-donfdp.exe.pdf")}`,
    );
  });

  it("answers a raw control character in a part header (which HTTP forbids, and no browser sends) with 400", async () => {
    const { applicant, id } = await uploader();
    const result = await call(
      organisation.action,
      makeRequest(`/organisations/${id}`, {
        cookie: applicant.cookie,
        body: rawUpload("bao\u0000cao.pdf"),
        headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
      }),
      { id },
    );
    expect(result.status).toBe(400);
    expect(await storedNames(id)).toEqual([]);
  });

  it("gives a file whose name is only invisible characters a neutral name", async () => {
    const { applicant, id } = await uploader();
    const result = await call(
      organisation.action,
      makeRequest(`/organisations/${id}`, {
        cookie: applicant.cookie,
        body: rawUpload("\u202E\u200F.pdf"),
        headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
      }),
      { id },
    );
    expect(result.status).toBe(302);
    expect(await storedNames(id)).toEqual(["tai-lieu.pdf"]);
  });
});

describe("an upload streamed without Content-Length", () => {
  it("is refused with 413 as soon as a file passes the 20 MB limit, reading no further and storing nothing", async () => {
    const { applicant, id } = await uploader();
    const block = new Uint8Array(256 * 1024).fill(0x20);
    let pulled = 0;
    let part = 0;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          // Ten parts of 40 MB each, one block at a time: far more than any form takes.
          const perPart = (40 * 1024 * 1024) / block.byteLength;
          if (part >= 10 * perPart) return controller.close();
          const chunk =
            part % perPart === 0
              ? Buffer.concat([
                  Buffer.from(
                    `\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="document"; filename="lon-${part}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
                  ),
                  TINY_PDF,
                  block,
                ])
              : block;
          part++;
          pulled += chunk.byteLength;
          controller.enqueue(chunk);
        },
      },
      { highWaterMark: 0 },
    );
    const request = new Request(`http://localhost/organisations/${id}`, {
      method: "POST",
      body: stream,
      headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, Cookie: applicant.cookie },
      duplex: "half",
    } as RequestInit);
    expect(request.headers.get("Content-Length")).toBeNull();
    const result = await call(organisation.action, request, { id });
    expect(result.status).toBe(413);
    expect(result.data).toMatch(/quá lớn/);
    expect(pulled).toBeLessThan(21 * 1024 * 1024);
    expect(await storedNames(id)).toEqual([]);
  });

  it("is refused with 413 at the second file when many parts each within the file limit come, before their bytes are held", async () => {
    const { applicant, id } = await uploader();
    const megabyte = new Uint8Array(1024 * 1024).fill(0x20);
    let pulled = 0;
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          // 200 documents of 1 MB each: every one within the 20 MB a document may have, 200 MB in all.
          if (sent === 200) return controller.close();
          const chunk = Buffer.concat([
            Buffer.from(
              `\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="document"; filename="tep-${sent}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
            ),
            TINY_PDF,
            megabyte,
          ]);
          sent++;
          pulled += chunk.byteLength;
          controller.enqueue(chunk);
        },
      },
      { highWaterMark: 0 },
    );
    const request = new Request(`http://localhost/organisations/${id}`, {
      method: "POST",
      body: stream,
      headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, Cookie: applicant.cookie },
      duplex: "half",
    } as RequestInit);
    const result = await call(organisation.action, request, { id });
    expect(result.status).toBe(413);
    expect(pulled).toBeLessThan(3 * 1024 * 1024);
    expect(await storedNames(id)).toEqual([]);
  });
});

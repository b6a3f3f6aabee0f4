import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { formatDateTime } from "../../app/lib/format";
import { newId } from "../../app/lib/ids.server";
import * as outboxExport from "../../app/routes/admin.outbox.export";
import * as sessionsExport from "../../app/routes/admin.sessions_.export";
import * as holidaysExport from "../../app/routes/staff.holidays_.export";
import * as incubatorsExport from "../../app/routes/staff.incubators.export";
import { call, createUser, makeRequest, type TestUser } from "../helpers/fixtures";
import { csvLines } from "../helpers/csv";

let admin: TestUser;
let staff: TestUser;
let applicant: TestUser;

beforeAll(async () => {
  admin = await createUser("admin");
  staff = await createUser("staff");
  applicant = await createUser("applicant");
  const db = getDb();
  const subject = `Thư thử xuất ${newId()}`;
  for (const status of ["failed", "failed", "sent"] as const)
    await db
      .insertInto("outbox_messages")
      .values({
        id: newId(),
        to_address: "nguoinhan@example.vn",
        subject,
        text_body: "…",
        status,
        created_at: "2026-12-01T18:36:44.618Z",
      })
      .execute();
  await db
    .insertInto("public_holidays")
    .values([
      {
        day: "2037-01-01",
        name: "Tết Dương lịch",
        kind: "day_off",
        source: null,
        created_at: "2026-12-01T00:00:00.000Z",
      },
      {
        day: "2037-01-03",
        name: "Làm việc bù",
        kind: "working_day",
        source: "TB 1/2036",
        created_at: "2026-12-01T00:00:00.000Z",
      },
    ])
    .onConflict((oc) => oc.doNothing())
    .execute();
});

describe("exports of the remaining staff tables", () => {
  it("outbox: the page's headers, only the filtered rows, times in the province", async () => {
    const db = getDb();
    const failed = await db
      .selectFrom("outbox_messages")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "failed")
      .executeTakeFirstOrThrow();
    const result = await call(
      outboxExport.loader,
      makeRequest("/admin/outbox/export?format=csv&status=failed", { cookie: admin.cookie }),
    );
    expect(result.status).toBe(200);
    const [header, ...rows] = csvLines(result.data);

    expect(header.split(",")[0]).toBe("Thời gian");
    expect(rows).toHaveLength(Number(failed.n));
    expect(String(result.data)).toContain(formatDateTime("2026-12-01T18:36:44.618Z", "vi"));
    expect(String(result.data)).not.toContain("2026-12-01T18:36");
    expect(String(result.data)).not.toContain(",failed,");
  });

  it("holidays: the year the page shows, dates and kinds as on the page", async () => {
    const result = await call(
      holidaysExport.loader,
      makeRequest("/staff/holidays/export?format=csv&year=2037", { cookie: staff.cookie }),
    );
    expect(result.status).toBe(200);
    const [header, ...rows] = csvLines(result.data);
    expect(header).toBe("Ngày,Thứ,Loại ngày,Tên ngày,Căn cứ");
    expect(rows).toEqual([
      "01/01/2037,Thứ Năm,Ngày nghỉ,Tết Dương lịch,—",
      "03/01/2037,Thứ Bảy,Ngày làm việc bù,Làm việc bù,TB 1/2036",
    ]);
  });

  it("incubators and sessions: Vietnamese headers", async () => {
    const incubators = await call(
      incubatorsExport.loader,
      makeRequest("/staff/incubators/export?format=csv", { cookie: staff.cookie }),
    );
    expect(csvLines(incubators.data)[0].split(",")[0]).toBe("Tổ chức ươm tạo");
    const sessions = await call(
      sessionsExport.loader,
      makeRequest("/admin/sessions/export?format=csv", { cookie: admin.cookie }),
    );
    expect(sessions.status).toBe(200);
  });

  it("refuses the roles the pages refuse", async () => {
    for (const [loader, path, user] of [
      [outboxExport.loader, "/admin/outbox/export", staff],
      [sessionsExport.loader, "/admin/sessions/export", staff],
      [holidaysExport.loader, "/staff/holidays/export", applicant],
      [incubatorsExport.loader, "/staff/incubators/export", applicant],
    ] as const)
      expect((await call(loader, makeRequest(path, { cookie: user.cookie }))).status).toBe(403);
  });
});

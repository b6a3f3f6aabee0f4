import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { newId } from "../../app/lib/ids.server";
import { createEdition } from "../../app/modules/competition/editions.server";
import * as accessLog from "../../app/routes/admin.privacy.access._index";
import * as accessLogExport from "../../app/routes/admin.privacy.access.export";
import * as adminUsers from "../../app/routes/admin.users._index";
import * as adminUsersExport from "../../app/routes/admin.users.export";
import * as organisationPage from "../../app/routes/organisations.$id._index";
import * as entryPage from "../../app/routes/staff.competitions.$id.entries.$entryId";
import * as eventPage from "../../app/routes/staff.events.$id";
import { call, createOrganisation, createUser, insertEntry, makeRequest, type TestUser } from "../helpers/fixtures";

let admin: TestUser;
let staff: TestUser;
let applicant: TestUser;
let organisationId = "";
let editionId = "";
let entryId = "";
let eventId = "";

function rowsOf(actorId: string) {
  return getDb()
    .selectFrom("personal_data_access")
    .selectAll()
    .where("actor_id", "=", actorId)
    .orderBy("created_at")
    .execute();
}

beforeAll(async () => {
  admin = await createUser("admin");
  staff = await createUser("staff");
  applicant = await createUser("applicant");
  const colleague = await createUser("applicant");
  organisationId = await createOrganisation("Nhóm khởi nghiệp Sa Huỳnh", [applicant.id, colleague.id], "startup_team");
  const db = getDb();
  editionId = await createEdition(
    db,
    { id: admin.id, email: admin.email, fullName: "Quản trị", role: "admin", sessionId: "x" },
    {
      name: "Cuộc thi Khởi nghiệp ĐMST tỉnh Quảng Ngãi năm 2026",
      number: 5,
      year: 2026,
      registrationOpensAt: "2026-06-01T01:00:00.000Z",
      submissionDeadline: "2026-09-30T10:00:00.000Z",
      maxEnterpriseAgeYears: 5,
      minRepresentativeAge: 18,
      receiptPrefix: "KN2026",
    },
    "127.0.0.1",
  );
  entryId = await insertEntry({ edition_id: editionId, organisation_id: organisationId, created_by: applicant.id });
  for (const [position, name] of ["Nguyễn Văn An", "Trần Thị Bình"].entries())
    await db
      .insertInto("entry_members")
      .values({
        id: newId(),
        entry_id: entryId,
        full_name: name,
        role: null,
        email: `thanhvien${position}@example.vn`,
        phone: "0905123456",
        birth_date: "1995-05-05",
        is_representative: position === 0 ? 1 : 0,
        position,
      })
      .execute();
  eventId = newId();
  const now = new Date().toISOString();
  await db
    .insertInto("connection_events")
    .values({
      id: eventId,
      kind: "workshop",
      title: "Cà phê doanh nhân",
      title_search: "ca phe doanh nhan",
      starts_on: "2023-09-28",
      ends_on: "2023-09-28",
      place: null,
      topic: null,
      summary: null,
      reported_organisations: null,
      reported_people: null,
      count_note: null,
      created_by: staff.id,
      created_at: now,
      updated_at: now,
    })
    .execute();
  for (const name of ["Lê Văn Cường", "Phạm Thị Dung", "Võ Văn Em"])
    await db
      .insertInto("event_participants")
      .values({
        id: newId(),
        event_id: eventId,
        organisation_id: null,
        person_name: name,
        position: null,
        phone: "0912000111",
        email: null,
        source: "manual",
        created_by: staff.id,
        created_at: now,
      })
      .execute();
});

describe("the personal-data access log", () => {
  it("writes one row when staff open an entry's page with its members' contacts", async () => {
    const path = `/staff/competitions/${editionId}/entries/${entryId}`;
    const result = await call(entryPage.loader, makeRequest(path, { cookie: staff.cookie }), {
      id: editionId,
      entryId,
    });
    expect(result.status).toBe(200);
    const rows = await rowsOf(staff.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: "view",
      subject_type: "entry_members",
      subject_id: entryId,
      route: path,
      row_count: 2,
      ip: "127.0.0.1",
    });
  });

  it("writes one row for an event's participants list, however many people it shows", async () => {
    const result = await call(eventPage.loader, makeRequest(`/staff/events/${eventId}`, { cookie: staff.cookie }), {
      id: eventId,
    });
    expect(result.status).toBe(200);
    const rows = (await rowsOf(staff.id)).filter((row) => row.subject_type === "event_participants");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "view", subject_id: eventId, row_count: 3 });
  });

  it("counts a member's co-members on the organisation page, not the member themself", async () => {
    await call(organisationPage.loader, makeRequest(`/organisations/${organisationId}`, { cookie: applicant.cookie }), {
      id: organisationId,
    });
    const rows = await rowsOf(applicant.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subject_type: "organisation_members", subject_id: organisationId, row_count: 1 });
  });

  it("records an export of the accounts as an export, with the number of people in the file", async () => {
    const before = (await rowsOf(admin.id)).length;
    const exported = await call(
      adminUsersExport.loader,
      makeRequest("/admin/users/export?format=csv&role=applicant", { cookie: admin.cookie }),
    );
    expect(exported.status).toBe(200);
    const applicants = await getDb()
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("role", "=", "applicant")
      .executeTakeFirstOrThrow();
    const rows = await rowsOf(admin.id);
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      kind: "export",
      subject_type: "users",
      route: "/admin/users/export?format=csv&role=applicant",
      row_count: Number(applicants.n),
    });
  });

  it("writes nothing for a page that showed nobody's contacts", async () => {
    const before = (await rowsOf(admin.id)).length;
    await call(adminUsers.loader, makeRequest("/admin/users?q=khong-ai-co-ten-nay", { cookie: admin.cookie }));
    expect(await rowsOf(admin.id)).toHaveLength(before);
  });

  it("lists the log to admins, filtered by actor, kind and the province's dates, and exports the same rows", async () => {
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const byStaff = await call(
      accessLog.loader,
      makeRequest(`/admin/privacy/access?actor=${staff.id}&kind=view&from=${today}&to=${today}`, {
        cookie: admin.cookie,
      }),
    );
    expect(byStaff.status).toBe(200);
    expect(byStaff.data.page.total).toBe(2);
    expect(byStaff.data.page.rows.map((r: { subject_type: string }) => r.subject_type).sort()).toEqual([
      "entry_members",
      "event_participants",
    ]);
    expect(byStaff.data.actors.map((a: { id: string }) => a.id)).toContain(staff.id);
    const exports = await call(
      accessLog.loader,
      makeRequest("/admin/privacy/access?kind=export", { cookie: admin.cookie }),
    );
    expect(exports.data.page.rows.every((r: { kind: string }) => r.kind === "export")).toBe(true);
    const yesterday = await call(
      accessLog.loader,
      makeRequest(`/admin/privacy/access?actor=${staff.id}&to=2020-01-01`, { cookie: admin.cookie }),
    );
    expect(yesterday.data.page.total).toBe(0);

    const file = await call(
      accessLogExport.loader,
      makeRequest(`/admin/privacy/access/export?format=csv&actor=${staff.id}`, { cookie: admin.cookie }),
    );
    expect(file.status).toBe(200);
    const text = String(file.data);
    expect(text).toContain("Thành viên hồ sơ dự thi");
    expect(text).toContain("Người tham dự sự kiện");
  });

  it("refuses the log and its export to anyone but an admin", async () => {
    for (const user of [staff, applicant]) {
      expect((await call(accessLog.loader, makeRequest("/admin/privacy/access", { cookie: user.cookie }))).status).toBe(
        403,
      );
      expect(
        (await call(accessLogExport.loader, makeRequest("/admin/privacy/access/export", { cookie: user.cookie })))
          .status,
      ).toBe(403);
    }
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { newId } from "../../app/lib/ids.server";
import { searchKey } from "../../app/lib/format";
import { namesOfAuditedRecords } from "../../app/modules/admin/audit-names.server";
import { createEdition } from "../../app/modules/competition/editions.server";
import { ANONYMISED_NAME, defaultRetentionPeriods } from "../../app/modules/privacy/retention";
import {
  listRetentionRuns,
  retentionConfirmed,
  runRetention,
  saveRetentionPeriods,
} from "../../app/modules/privacy/retention-job.server";
import * as retentionPage from "../../app/routes/admin.privacy.retention";
import {
  call,
  createOrganisation,
  createUser,
  insertDossier,
  insertEntry,
  makeRequest,
  type TestUser,
} from "../helpers/fixtures";
import { createProgramme } from "../helpers/sme";

// 15 March 2026, 00:00 in Quảng Ngãi: the expiry day of every record below that started on 15 March (default periods:
// entries 24 months, events 12, dossiers 60, requests 36). The records started a province day later are on their
// day before, and are kept.
const NOW = "2026-03-14T17:00:00.000Z";
const NEXT_DAY = "2026-03-15T17:00:00.000Z";

let admin: TestUser;
let staff: TestUser;
const ids = {
  lostMembers: [] as string[],
  awardedMember: "",
  dayBeforeMember: "",
  inProcessMember: "",
  expiredParticipants: [] as string[],
  dayBeforeParticipant: "",
  closedDossier: "",
  dayBeforeDossier: "",
  inProcessDossier: "",
  doneRequest: "",
  dayBeforeRequest: "",
  openRequest: "",
};

async function edition(number: number, results: { status: "published" | "approved"; at: string | null }) {
  const id = await createEdition(
    getDb(),
    { id: admin.id, email: admin.email, fullName: "Quản trị", role: "admin", sessionId: "x" },
    {
      name: `Cuộc thi Khởi nghiệp ĐMST tỉnh Quảng Ngãi lần ${number}`,
      number,
      year: 2020 + number,
      registrationOpensAt: "2023-06-01T01:00:00.000Z",
      submissionDeadline: "2023-09-30T10:00:00.000Z",
      maxEnterpriseAgeYears: 5,
      minRepresentativeAge: 18,
      receiptPrefix: `KN${number}`,
    },
    "127.0.0.1",
  );
  await getDb()
    .updateTable("competition_editions")
    .set({ results_status: results.status, results_published_at: results.at })
    .where("id", "=", id)
    .execute();
  return id;
}

async function entryWithMembers(editionId: string, status: "not_awarded" | "awarded" | "finalist", names: string[]) {
  // One entry per organisation and edition: each entry of this file has its own team.
  const organisationId = await createOrganisation(`Nhóm ${names[0]}`, [], "startup_team");
  const entryId = await insertEntry({
    edition_id: editionId,
    organisation_id: organisationId,
    created_by: admin.id,
    status,
  });
  const memberIds: string[] = [];
  for (const [position, name] of names.entries()) {
    const id = newId();
    memberIds.push(id);
    await getDb()
      .insertInto("entry_members")
      .values({
        id,
        entry_id: entryId,
        full_name: name,
        role: "Thành viên",
        email: `tv${position}-${id.slice(0, 6)}@example.vn`,
        phone: "0905123456",
        birth_date: "1995-05-20",
        is_representative: position === 0 ? 1 : 0,
        position,
      })
      .execute();
  }
  return { entryId, memberIds };
}

async function eventWithParticipants(endsOn: string, names: Array<string | null>) {
  const db = getDb();
  const eventId = newId();
  const title = `Cà phê doanh nhân ${endsOn}`;
  await db
    .insertInto("connection_events")
    .values({
      id: eventId,
      kind: "business_coffee",
      title,
      title_search: searchKey(title),
      starts_on: endsOn,
      ends_on: endsOn,
      created_by: admin.id,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  const participantIds: string[] = [];
  for (const name of names) {
    const id = newId();
    participantIds.push(id);
    await db
      .insertInto("event_participants")
      .values({
        id,
        event_id: eventId,
        organisation_id: null,
        person_name: name,
        position: "Giám đốc",
        phone: "0935111222",
        email: `khach-${id.slice(0, 6)}@example.vn`,
        source: "manual",
        created_by: admin.id,
        created_at: NOW,
      })
      .execute();
  }
  return participantIds;
}

async function request(status: "done" | "refused" | "received", closedAt: string | null) {
  const id = newId();
  await getDb()
    .insertInto("data_subject_requests")
    .values({
      id,
      requester_id: staff.id,
      kind: "correction",
      status,
      details: "Sửa số điện thoại của tôi thành 0905 999 888",
      received_at: "2023-03-01T02:00:00.000Z",
      due_at: "2023-03-04T02:00:00.000Z",
      legal_source: "Nghị định 13/2023/NĐ-CP, Điều 15",
      handled_by: status === "received" ? null : admin.id,
      started_at: status === "received" ? null : "2023-03-02T02:00:00.000Z",
      closed_at: closedAt,
      reply: status === "received" ? null : "Đã sửa số điện thoại của ông Nguyễn Văn An",
      updated_at: closedAt ?? "2023-03-01T02:00:00.000Z",
    })
    .execute();
  return id;
}

const members = (memberIds: string[]) =>
  getDb().selectFrom("entry_members").selectAll().where("id", "in", memberIds).orderBy("id").execute();

/** Every row the job may touch, to compare before and after a run. */
async function snapshot() {
  const db = getDb();
  return {
    members: await db.selectFrom("entry_members").selectAll().orderBy("id").execute(),
    participants: await db.selectFrom("event_participants").selectAll().orderBy("id").execute(),
    dossiers: await db.selectFrom("support_dossiers").selectAll().orderBy("id").execute(),
    requests: await db.selectFrom("data_subject_requests").selectAll().orderBy("id").execute(),
  };
}

beforeAll(async () => {
  admin = await createUser("admin");
  staff = await createUser("staff");
  const organisationId = await createOrganisation("Nhóm khởi nghiệp Sa Huỳnh", [], "startup_team");
  const db = getDb();

  // Results published on 15/03/2024 at 09:00 in the province: expired on 15/03/2026.
  const published = await edition(3, { status: "published", at: "2024-03-15T02:00:00.000Z" });
  ids.lostMembers = (await entryWithMembers(published, "not_awarded", ["Nguyễn Văn An", "Trần Thị Bình"])).memberIds;
  const awarded = await entryWithMembers(published, "awarded", ["Lê Văn Cường"]);
  ids.awardedMember = awarded.memberIds[0];
  const prizeId = newId();
  await db
    .insertInto("competition_prizes")
    .values({
      id: prizeId,
      edition_id: published,
      rank_label: "Giải Nhất",
      count: 1,
      amount_vnd: 30_000_000,
      position: 1,
    })
    .execute();
  await db
    .insertInto("prize_awards")
    .values({
      id: newId(),
      edition_id: published,
      prize_id: prizeId,
      entry_id: awarded.entryId,
      rank: 1,
      change_reason: null,
      verification_code: "KIEMTRA12345",
      created_at: "2024-03-15T02:00:00.000Z",
    })
    .execute();
  // Published at 00:00 on 16/03/2024 in the province (still the 15th in UTC): its day before expiry is 15/03/2026.
  const dayLater = await edition(4, { status: "published", at: "2024-03-15T17:00:00.000Z" });
  ids.dayBeforeMember = (await entryWithMembers(dayLater, "not_awarded", ["Phạm Thị Dung"])).memberIds[0];
  // Results approved but not published: the competition is still in process.
  const approved = await edition(5, { status: "approved", at: null });
  ids.inProcessMember = (await entryWithMembers(approved, "finalist", ["Hồ Văn Em"])).memberIds[0];

  ids.expiredParticipants = await eventWithParticipants("2025-03-15", ["Võ Thị Giang", null]);
  ids.dayBeforeParticipant = (await eventWithParticipants("2025-03-16", ["Đặng Văn Hải"]))[0];

  const programme = await createProgramme();
  const dossier = (status: "closed" | "rejected" | "under_appraisal", updatedAt: string) =>
    insertDossier({
      programme_id: programme.programmeId,
      support_type_id: programme.typeId,
      organisation_id: organisationId,
      created_by: admin.id,
      status,
      provider_name: "Chuyên gia tư vấn Nguyễn Văn Khoa",
      provider_tax_code: "8012345678",
      appraisal_note: "Đã gọi ông Khoa, 0905 777 666",
      decision_reason: status === "rejected" ? "Không đủ điều kiện" : null,
      approved_vnd: status === "closed" ? 30_000_000 : null,
      updated_at: updatedAt,
    });
  ids.closedDossier = await dossier("closed", "2021-03-15T02:00:00.000Z");
  ids.dayBeforeDossier = await dossier("rejected", "2021-03-15T17:00:00.000Z");
  ids.inProcessDossier = await dossier("under_appraisal", "2019-01-10T02:00:00.000Z");

  ids.doneRequest = await request("done", "2023-03-15T02:00:00.000Z");
  ids.dayBeforeRequest = await request("refused", "2023-03-15T17:00:00.000Z");
  ids.openRequest = await request("received", null);
});

async function mustRun(...args: Parameters<typeof runRetention>) {
  const run = await runRetention(...args);
  if (!run) throw new Error("the retention periods are not confirmed");
  return run;
}

describe("before an admin has confirmed the periods", () => {
  it("anonymises nothing, neither on the daily run nor on an admin's run, and the page says why", async () => {
    expect(await retentionConfirmed(getDb())).toBe(false);
    expect(await runRetention(getDb(), { trigger: "scheduled", now: NOW })).toBeNull();
    const refused = await call(
      retentionPage.action,
      makeRequest("/admin/privacy/retention", { cookie: admin.cookie, form: { intent: "run" } }),
    );
    expect(refused.status).toBe(409);
    expect(refused.data.errors._form).toBe("Chưa xác nhận thời hạn lưu trữ: hãy lưu thời hạn trước khi chạy.");
    expect(await listRetentionRuns(getDb())).toEqual([]);
    for (const member of await members(ids.lostMembers)) expect(member.anonymised_at).toBeNull();
    const page = await call(retentionPage.loader, makeRequest("/admin/privacy/retention", { cookie: admin.cookie }));
    expect(page.data.confirmed).toBe(false);
  });
});

describe("the retention job", () => {
  // The admin confirms the suggested periods as they stand.
  beforeAll(async () => {
    await saveRetentionPeriods(getDb(), admin, defaultRetentionPeriods(), null);
  });

  it("anonymises what expired today, keeps the day before, awarded entries and records in process, and reports it", async () => {
    // Batches of one row, so that each kind takes several transactions.
    const run = await mustRun(getDb(), { trigger: "scheduled", now: NOW, batch: 1 });
    expect(Object.fromEntries(Object.entries(run.counts).map(([kind, report]) => [kind, report.anonymised]))).toEqual({
      unsuccessful_entry_contacts: 2,
      event_participant_contacts: 2,
      closed_sme_dossier_contacts: 1,
      data_subject_request_files: 1,
    });

    for (const member of await members(ids.lostMembers))
      expect(member).toMatchObject({
        full_name: ANONYMISED_NAME,
        email: null,
        phone: null,
        birth_date: null,
        anonymised_at: NOW,
      });
    for (const kept of await members([ids.awardedMember, ids.dayBeforeMember, ids.inProcessMember])) {
      expect(kept.full_name).not.toBe(ANONYMISED_NAME);
      expect(kept.email).not.toBeNull();
      expect(kept.anonymised_at).toBeNull();
    }

    const participants = await getDb().selectFrom("event_participants").selectAll().orderBy("created_at").execute();
    const byId = new Map(participants.map((p) => [p.id, p]));
    const [named, unnamed] = ids.expiredParticipants.map((id) => byId.get(id)!);
    expect(named).toMatchObject({ person_name: ANONYMISED_NAME, position: null, phone: null, email: null });
    // A participant listed without a name does not gain one.
    expect(unnamed).toMatchObject({ person_name: null, phone: null, email: null, anonymised_at: NOW });
    expect(byId.get(ids.dayBeforeParticipant)).toMatchObject({ person_name: "Đặng Văn Hải", anonymised_at: null });

    const dossiers = new Map(
      (await getDb().selectFrom("support_dossiers").selectAll().execute()).map((d) => [d.id, d]),
    );
    expect(dossiers.get(ids.closedDossier)).toMatchObject({
      provider_name: ANONYMISED_NAME,
      provider_tax_code: null,
      appraisal_note: null,
      // What the reports count stays.
      status: "closed",
      approved_vnd: 30_000_000,
      anonymised_at: NOW,
    });
    expect(dossiers.get(ids.dayBeforeDossier)).toMatchObject({ provider_tax_code: "8012345678", anonymised_at: null });
    expect(dossiers.get(ids.inProcessDossier)).toMatchObject({ provider_tax_code: "8012345678", anonymised_at: null });

    const requests = new Map(
      (await getDb().selectFrom("data_subject_requests").selectAll().execute()).map((r) => [r.id, r]),
    );
    expect(requests.get(ids.doneRequest)).toMatchObject({
      details: ANONYMISED_NAME,
      reply: null,
      status: "done",
      legal_source: "Nghị định 13/2023/NĐ-CP, Điều 15",
    });
    expect(requests.get(ids.dayBeforeRequest)?.anonymised_at).toBeNull();
    expect(requests.get(ids.openRequest)?.anonymised_at).toBeNull();

    const [report] = await listRetentionRuns(getDb());
    expect(report).toMatchObject({ id: run.id, trigger: "scheduled", actorId: null, startedAt: NOW });
    expect(report.counts.event_participant_contacts).toEqual({
      months: 12,
      cutoff: "2025-03-15T16:59:59.999Z",
      anonymised: 2,
    });
    const audit = await getDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "privacy.retention_run")
      .where("entity_id", "=", run.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({
      unsuccessful_entry_contacts: 2,
      data_subject_request_files: 1,
    });
    // The audit log names the run by its time, in the province, and links to the retention page.
    const names = await namesOfAuditedRecords(getDb(), audit);
    expect(names.get(`retention_run:${run.id}`)).toEqual({
      name: "15/03/2026 00:00",
      href: "/admin/privacy/retention",
    });
  });

  it("changes nothing on a second run the same day, and reports zero", async () => {
    const before = await snapshot();
    const run = await mustRun(getDb(), { trigger: "scheduled", now: NOW });
    expect(Object.values(run.counts).map((report) => report.anonymised)).toEqual([0, 0, 0, 0]);
    expect(await snapshot()).toEqual(before);
  });

  it("the next day, anonymises the records that were on their day before", async () => {
    const run = await mustRun(getDb(), { trigger: "scheduled", now: NEXT_DAY });
    expect(Object.values(run.counts).map((report) => report.anonymised)).toEqual([1, 1, 1, 1]);
    const [awarded, inProcess] = await members([ids.awardedMember, ids.inProcessMember]).then((rows) =>
      [ids.awardedMember, ids.inProcessMember].map((id) => rows.find((row) => row.id === id)!),
    );
    expect(awarded.anonymised_at).toBeNull();
    expect(inProcess.anonymised_at).toBeNull();
  });
});

describe("the retention page", () => {
  const form = {
    intent: "save",
    unsuccessful_entry_contacts: "24",
    event_participant_contacts: "0",
    closed_sme_dossier_contacts: "60",
    data_subject_request_files: "36",
  };

  it("refuses a period of 0 months with a 400 and a Vietnamese message by the field, and saves nothing", async () => {
    const result = await call(
      retentionPage.action,
      makeRequest("/admin/privacy/retention", { cookie: admin.cookie, form }),
    );
    expect(result.status).toBe(400);
    expect(result.data.errors.event_participant_contacts).toBe("Thời hạn lưu trữ ít nhất 1 tháng.");
    expect(result.data.values.event_participant_contacts).toBe("0");
    // The confirmed periods stand as they were.
    expect(
      (await getDb().selectFrom("retention_settings").select(["kind", "months"]).orderBy("kind").execute()).find(
        (row) => row.kind === "event_participant_contacts",
      ),
    ).toEqual({ kind: "event_participant_contacts", months: 12 });
  });

  it("saves an admin's periods, audited, and the job applies them", async () => {
    const result = await call(
      retentionPage.action,
      makeRequest("/admin/privacy/retention", {
        cookie: admin.cookie,
        form: { ...form, event_participant_contacts: "18" },
      }),
    );
    expect(result.status).toBe(302);
    const page = await call(retentionPage.loader, makeRequest("/admin/privacy/retention", { cookie: admin.cookie }));
    expect(page.data.periods.event_participant_contacts).toBe(18);
    const audit = await getDb()
      .selectFrom("audit_events")
      .selectAll()
      .where("action", "=", "privacy.retention_periods_updated")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(admin.id);
    expect(JSON.parse(audit.before_json!).event_participant_contacts).toBe(12);
    expect(JSON.parse(audit.after_json!).event_participant_contacts).toBe(18);
    const run = await mustRun(getDb(), { trigger: "scheduled", now: NEXT_DAY });
    expect(run.counts.event_participant_contacts.months).toBe(18);
  });

  it("refuses staff the page, the form and the run", async () => {
    expect(
      (await call(retentionPage.loader, makeRequest("/admin/privacy/retention", { cookie: staff.cookie }))).status,
    ).toBe(403);
    const runsBefore = (await listRetentionRuns(getDb())).length;
    for (const body of [{ intent: "run" }, { ...form, event_participant_contacts: "12" }])
      expect(
        (
          await call(
            retentionPage.action,
            makeRequest("/admin/privacy/retention", { cookie: staff.cookie, form: body }),
          )
        ).status,
      ).toBe(403);
    expect((await listRetentionRuns(getDb())).length).toBe(runsBefore);
  });

  it("lets an admin run the job now: a manual run in the report, with its actor", async () => {
    const result = await call(
      retentionPage.action,
      makeRequest("/admin/privacy/retention", { cookie: admin.cookie, form: { intent: "run" } }),
    );
    expect(result.status).toBe(302);
    const page = await call(retentionPage.loader, makeRequest("/admin/privacy/retention", { cookie: admin.cookie }));
    expect(page.data.runs[0]).toMatchObject({ trigger: "manual", actorId: admin.id, actorName: "Người dùng admin" });
  });
});

import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { newId } from "../../app/lib/ids.server";
import { provinceDate } from "../../app/lib/province-time";
import { listMous, mouListState } from "../../app/modules/connections/queries.server";
import { addMonths } from "../../app/modules/connections/rules";
import { organisationNameKey } from "../../app/modules/organisations/duplicates";
import { ORGANISATION_REFERENCES } from "../../app/modules/organisations/merge.server";
import { duplicateGroups, nameKeySql } from "../../app/modules/organisations/registry.server";
import * as files from "../../app/routes/files.$id";
import * as duplicates from "../../app/routes/organisations.duplicates";
import * as organisationPage from "../../app/routes/organisations.$id._index";
import * as eventPage from "../../app/routes/staff.events.$id";
import * as eventImport from "../../app/routes/staff.events.$id_.import";
import * as eventsNew from "../../app/routes/staff.events.new";
import * as mouPage from "../../app/routes/staff.mous.$id";
import * as mousImport from "../../app/routes/staff.mous.import";
import * as mousNew from "../../app/routes/staff.mous.new";
import {
  attachPdf,
  call,
  createOrganisation,
  createUser,
  makeRequest,
  TINY_PDF,
  type TestUser,
} from "../helpers/fixtures";
import { foreignKeysTo } from "../helpers/schema";

let staff: TestUser;
let leader: TestUser;
let applicant: TestUser;
let dost = "";
let enterprise = "";
let expert = "";
const today = provinceDate(new Date().toISOString());

async function count(
  table:
    | "connection_events"
    | "event_participants"
    | "mous"
    | "mou_parties"
    | "mou_follow_ups"
    | "organisations"
    | "connection_imports"
    | "attachments"
    | "audit_events",
) {
  const { n } = await getDb()
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(n);
}

async function setKind(
  id: string,
  kind: "expert" | "agency" | "support_organisation" | "enterprise",
  taxCode: string | null = null,
) {
  await getDb().updateTable("organisations").set({ kind, tax_code: taxCode }).where("id", "=", id).execute();
}

async function newEvent(
  title = "Hội thảo Hệ sinh thái khởi nghiệp đổi mới sáng tạo tỉnh Quảng Ngãi - kết nối, vươn tầm",
) {
  const result = await call(
    eventsNew.action,
    makeRequest("/staff/events/new", {
      cookie: staff.cookie,
      form: {
        kind: "workshop",
        title,
        startsOn: "2023-09-28",
        endsOn: "2023-09-28",
        place: "Trường Đại học Phạm Văn Đồng",
        organiserId: dost,
        reportedPeople: "150",
      },
    }),
  );
  expect(result.status).toBe(302);
  return result.location!.split("/").pop()!;
}

async function sheet(rows: Array<Array<string | number | Date>>, name = "danh-sach.xlsx"): Promise<File> {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet("Danh sách");
  for (const row of rows) worksheet.addRow(row);
  return new File([Buffer.from(await workbook.xlsx.writeBuffer())], name, {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
}

function upload(file: File, field = "file") {
  const form = new FormData();
  form.append(field, file);
  return form;
}

/** A technology application of an organisation, written straight in (the technology module's own tests cover its workflow). */
async function techApplication(
  organisationId: string,
  status: "draft" | "received",
  createdBy: string,
  technology = "Máy sấy nấm bằng bơm nhiệt",
) {
  const id = newId();
  const now = new Date().toISOString();
  await getDb()
    .insertInto("tech_applications")
    .values({
      id,
      organisation_id: organisationId,
      status,
      kind: "renovation",
      technology,
      origin: "Việt Nam",
      supplier: "Nhà cung cấp",
      equipment: "Máy sấy",
      total_investment_vnd: 100_000_000,
      own_funds_vnd: 70_000_000,
      requested_support_vnd: 30_000_000,
      starts_on: "2026-12-01",
      ends_on: "2027-03-01",
      expected_gains: "Tăng năng suất",
      supplement_request: null,
      review_note: null,
      decision_reason: null,
      submitted_at: status === "draft" ? null : now,
      step_started_on: null,
      complete_on: null,
      due_on: null,
      implementation_status: null,
      implementation_reason: null,
      created_by: createdBy,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

beforeAll(async () => {
  staff = await createUser("staff", { fullName: "Trần Thị Thu Hà" });
  leader = await createUser("leader");
  applicant = await createUser("applicant");
  dost = await createOrganisation("Sở Khoa học và Công nghệ tỉnh Quảng Ngãi");
  await setKind(dost, "agency");
  enterprise = await createOrganisation("Công ty TNHH MTV Công nghệ cao Huy Long", [applicant.id]);
  await setKind(enterprise, "enterprise", "4300123456");
  expert = await createOrganisation("TS. Nguyễn Thị Thanh Hà – chuyên gia chuyển đổi số");
  await setKind(expert, "expert");
});

describe("events", () => {
  it("staff record an event with its organiser and the attendance the report gives", async () => {
    const id = await newEvent();
    const event = await getDb()
      .selectFrom("connection_events")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      kind: "workshop",
      reported_people: 150,
      title_search: "hoi thao he sinh thai khoi nghiep doi moi sang tao tinh quang ngai - ket noi, vuon tam",
    });
    const organisers = await getDb().selectFrom("event_organisers").selectAll().where("event_id", "=", id).execute();
    expect(organisers).toEqual([{ event_id: id, organisation_id: dost, role: "organiser" }]);
  });

  it("refuses a bad event form with Vietnamese messages next to the fields and writes nothing", async () => {
    const before = await count("connection_events");
    const result = await call(
      eventsNew.action,
      makeRequest("/staff/events/new", {
        cookie: staff.cookie,
        form: {
          kind: "tiec",
          title: "",
          startsOn: "2023-09-30",
          endsOn: "2023-09-28",
          organiserId: dost,
          coOrganiserIds: [dost],
          reportedPeople: "-5",
        },
      }),
    );
    expect(result.status).toBe(400);
    expect(result.data.errors).toMatchObject({
      kind: "Vui lòng chọn một giá trị trong danh sách.",
      title: "Vui lòng nhập thông tin này.",
      reportedPeople: "Giá trị phải từ 0 trở lên.",
    });
    expect(await count("connection_events")).toBe(before);
    const order = await call(
      eventsNew.action,
      makeRequest("/staff/events/new", {
        cookie: staff.cookie,
        form: {
          kind: "workshop",
          title: "Hội thảo",
          startsOn: "2023-09-30",
          endsOn: "2023-09-28",
          organiserId: dost,
          coOrganiserIds: [dost],
        },
      }),
    );
    expect(order.data.errors).toMatchObject({
      endsOn: "Ngày kết thúc phải từ ngày bắt đầu trở đi.",
      coOrganiserIds: "Đơn vị tổ chức không đồng thời là đơn vị phối hợp.",
    });
    const unknown = await call(
      eventsNew.action,
      makeRequest("/staff/events/new", {
        cookie: staff.cookie,
        form: {
          kind: "workshop",
          title: "Hội thảo",
          startsOn: "2023-09-28",
          endsOn: "2023-09-28",
          organiserId: "khong-co",
        },
      }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.data.errors.organiserId).toBe("Tổ chức không có trong danh bạ.");
    expect(await count("connection_events")).toBe(before);
  });

  it("adds a participant once, refuses an empty one, and removes one", async () => {
    const id = await newEvent("Cà phê doanh nhân tháng 11");
    const add = (form: Record<string, string>) =>
      call(
        eventPage.action,
        makeRequest(`/staff/events/${id}`, { cookie: staff.cookie, form: { intent: "participant", ...form } }),
        { id },
      );
    expect((await add({ organisationId: enterprise, personName: "Huỳnh Văn Long", position: "Giám đốc" })).status).toBe(
      302,
    );
    const again = await add({ organisationId: enterprise, personName: "huỳnh văn long" });
    expect(again.status).toBe(400);
    expect(again.data.errors.personName).toBe("Người, tổ chức này đã có trong danh sách tham dự.");
    const empty = await add({ position: "Khách mời" });
    expect(empty.data.errors.personName).toBe("Nhập họ tên người tham dự hoặc chọn một tổ chức.");
    const badEmail = await add({ personName: "Phan Minh Quân", email: "quan@" });
    expect(badEmail.data.errors.email).toBe("Thư điện tử không hợp lệ.");
    expect((await add({ personName: "Phan Minh Quân" })).status).toBe(302);
    const page = await call(eventPage.loader, makeRequest(`/staff/events/${id}`, { cookie: leader.cookie }), { id });
    expect(page.data.participants.map((p: { person_name: string }) => p.person_name).sort()).toEqual([
      "Huỳnh Văn Long",
      "Phan Minh Quân",
    ]);
    expect(page.data.canWrite).toBe(false);
    const removed = await call(
      eventPage.action,
      makeRequest(`/staff/events/${id}`, {
        cookie: staff.cookie,
        form: { intent: "remove", participantId: page.data.participants[0].id },
      }),
      { id },
    );
    expect(removed.status).toBe(302);
    expect(
      await getDb().selectFrom("event_participants").select("id").where("event_id", "=", id).execute(),
    ).toHaveLength(1);
  });

  it("keeps materials and photos, refuses a PDF as a photo, and serves them to staff only", async () => {
    const id = await newEvent("Ngày hội khởi nghiệp 2024");
    const form = (purpose: string, name: string) => {
      const data = new FormData();
      data.append("purpose", purpose);
      data.append("document", new File([TINY_PDF], name, { type: "application/pdf" }));
      return data;
    };
    expect(
      (
        await call(
          eventPage.action,
          makeRequest(`/staff/events/${id}`, { cookie: staff.cookie, form: form("material", "chuong-trinh.pdf") }),
          { id },
        )
      ).status,
    ).toBe(302);
    const before = await count("attachments");
    const photo = await call(
      eventPage.action,
      makeRequest(`/staff/events/${id}`, { cookie: staff.cookie, form: form("photo", "anh.pdf") }),
      { id },
    );
    expect(photo.status).toBe(400);
    expect(photo.data.errors.document).toBe("Hình ảnh phải là tệp JPG hoặc PNG.");
    expect(await count("attachments")).toBe(before);
    const fileId = (
      await getDb()
        .selectFrom("attachments")
        .select("id")
        .where("owner_type", "=", "connection_event")
        .where("owner_id", "=", id)
        .executeTakeFirstOrThrow()
    ).id;
    expect(
      (await call(files.loader, makeRequest(`/files/${fileId}`, { cookie: leader.cookie }), { id: fileId })).status,
    ).toBe(200);
    expect(
      (await call(files.loader, makeRequest(`/files/${fileId}`, { cookie: applicant.cookie }), { id: fileId })).status,
    ).toBe(403);
    const leaderUpload = await call(
      eventPage.action,
      makeRequest(`/staff/events/${id}`, { cookie: leader.cookie, form: form("material", "x.pdf") }),
      { id },
    );
    expect(leaderUpload.status).toBe(403);
  });
});

describe("MOUs", () => {
  const mouForm = (values: Record<string, string | string[]>, scan?: File) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(values))
      for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
    if (scan) form.append("scan", scan);
    return form;
  };

  it("records an MOU between an enterprise and an expert: pairing derived, first check in six months, scan kept", async () => {
    const eventId = await newEvent("Hội thảo kết nối chuyên gia");
    const result = await call(
      mousNew.action,
      makeRequest("/staff/mous/new", {
        cookie: staff.cookie,
        form: mouForm(
          {
            eventId,
            partyIds: [enterprise, expert, ""],
            fields: ["technology_transfer_consulting"],
            signedOn: "2023-09-28",
            title: "Biên bản ghi nhớ tư vấn chuyển đổi số",
          },
          new File([TINY_PDF], "bbgn.pdf", { type: "application/pdf" }),
        ),
      }),
    );
    expect(result.status).toBe(302);
    const id = result.location!.split("/").pop()!;
    const mou = await getDb().selectFrom("mous").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(mou).toMatchObject({
      pairing: "enterprise_expert",
      status: "signed",
      event_id: eventId,
      next_check_on: today,
    });
    expect(
      await getDb()
        .selectFrom("attachments")
        .select("purpose")
        .where("owner_type", "=", "mou")
        .where("owner_id", "=", id)
        .execute(),
    ).toEqual([{ purpose: "scan" }]);
    const audit = await getDb()
      .selectFrom("audit_events")
      .select("action")
      .where("entity_type", "=", "mou")
      .where("entity_id", "=", id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["connections.mou_created"]);
  });

  it("refuses one party, no field, a signing date to come and a scan that is not a PDF or image, writing nothing", async () => {
    const before = [await count("mous"), await count("mou_parties"), await count("attachments")];
    const one = await call(
      mousNew.action,
      makeRequest("/staff/mous/new", {
        cookie: staff.cookie,
        form: mouForm({ partyIds: [enterprise, enterprise], signedOn: "2023-09-28", title: "MOU" }),
      }),
    );
    expect(one.status).toBe(400);
    expect(one.data.errors).toMatchObject({
      partyIds: "Biên bản ghi nhớ cần ít nhất hai bên ký.",
      fields: "Chọn ít nhất một lĩnh vực hợp tác.",
    });
    const future = await call(
      mousNew.action,
      makeRequest("/staff/mous/new", {
        cookie: staff.cookie,
        form: mouForm({
          partyIds: [enterprise, expert],
          fields: ["trade_promotion"],
          signedOn: "2099-01-01",
          title: "MOU",
        }),
      }),
    );
    expect(future.status).toBe(400);
    expect(future.data.errors.signedOn).toBe("Ngày ký không được sau hôm nay.");
    const text = new File(["không phải PDF"], "bbgn.pdf", { type: "application/pdf" });
    const badScan = await call(
      mousNew.action,
      makeRequest("/staff/mous/new", {
        cookie: staff.cookie,
        form: mouForm(
          { partyIds: [enterprise, expert], fields: ["trade_promotion"], signedOn: "2023-01-01", title: "MOU" },
          text,
        ),
      }),
    );
    expect(badScan.status).toBe(400);
    expect(badScan.data.errors.scan).toMatch(/^Loại tệp không được chấp nhận\. Chỉ nhận: PDF, JPG, PNG/);
    const unknown = await call(
      mousNew.action,
      makeRequest("/staff/mous/new", {
        cookie: staff.cookie,
        form: mouForm({
          partyIds: [enterprise, "khong-co"],
          fields: ["trade_promotion"],
          signedOn: "2023-01-01",
          title: "MOU",
        }),
      }),
    );
    expect(unknown.data.errors.partyIds).toBe("Tổ chức không có trong danh bạ.");
    expect([await count("mous"), await count("mou_parties"), await count("attachments")]).toEqual(before);
    const leaderTry = await call(
      mousNew.action,
      makeRequest("/staff/mous/new", {
        cookie: leader.cookie,
        form: mouForm({
          partyIds: [enterprise, expert],
          fields: ["trade_promotion"],
          signedOn: "2023-01-01",
          title: "MOU",
        }),
      }),
    );
    expect(leaderTry.status).toBe(403);
  });

  it("follows an MOU up: a note moves it on and plans the next check; a contract closes it; no way back", async () => {
    const created = await call(
      mousNew.action,
      makeRequest("/staff/mous/new", {
        cookie: staff.cookie,
        form: mouForm({
          partyIds: [enterprise, dost],
          fields: ["trade_promotion"],
          signedOn: "2024-05-25",
          title: "MOU xúc tiến thương mại",
        }),
      }),
    );
    const id = created.location!.split("/").pop()!;
    expect(
      (await getDb().selectFrom("mous").select("pairing").where("id", "=", id).executeTakeFirstOrThrow()).pairing,
    ).toBe("enterprise_support");
    const note = (form: Record<string, string>) =>
      call(mouPage.action, makeRequest(`/staff/mous/${id}`, { cookie: staff.cookie, form }), { id });
    expect((await note({ status: "in_progress", notedOn: "2024-09-01", note: "Đã giao thử 3 lô hàng." })).status).toBe(
      302,
    );
    expect(
      await getDb()
        .selectFrom("mous")
        .select(["status", "next_check_on"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: "in_progress", next_check_on: "2024-12-01" });
    const early = await note({
      status: "in_progress",
      notedOn: "2024-10-01",
      note: "Ghi chú",
      nextCheckOn: "2024-09-01",
    });
    expect(early.status).toBe(400);
    expect(early.data.errors.nextCheckOn).toBe("Ngày kiểm tra tiếp theo phải sau ngày ghi nhận.");
    const beforeSigning = await note({ status: "in_progress", notedOn: "2024-01-01", note: "Ghi chú" });
    expect(beforeSigning.data.errors.notedOn).toBe("Ngày ghi nhận không được trước ngày ký.");
    expect((await note({ status: "contract", notedOn: "2024-11-15", note: "Ký hợp đồng bao tiêu." })).status).toBe(302);
    expect(
      await getDb()
        .selectFrom("mous")
        .select(["status", "next_check_on"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: "contract", next_check_on: null });
    const back = await note({ status: "in_progress", notedOn: "2024-11-20", note: "Thử quay lại" });
    expect(back.status).toBe(400);
    expect(back.data.errors.status).toBe("Không thể chuyển biên bản sang tình trạng này.");
    expect(
      await getDb()
        .selectFrom("mou_follow_ups")
        .select("status_after")
        .where("mou_id", "=", id)
        .orderBy("noted_on")
        .execute(),
    ).toEqual([{ status_after: "in_progress" }, { status_after: "contract" }]);
    expect(
      (
        await call(
          mouPage.action,
          makeRequest(`/staff/mous/${id}`, {
            cookie: leader.cookie,
            form: { status: "contract", notedOn: "2024-11-20", note: "x" },
          }),
          { id },
        )
      ).status,
    ).toBe(403);
  });

  it("lists in the reminder filter the open MOUs whose check has come, not those to come nor closed ones", async () => {
    const make = async (title: string, nextCheckOn: string, status: "signed" | "contract" = "signed") => {
      const created = await call(
        mousNew.action,
        makeRequest("/staff/mous/new", {
          cookie: staff.cookie,
          form: mouForm({
            partyIds: [enterprise, expert],
            fields: ["training"],
            signedOn: "2020-01-01",
            title,
            nextCheckOn,
          }),
        }),
      );
      const id = created.location!.split("/").pop()!;
      if (status === "contract") await getDb().updateTable("mous").set({ status }).where("id", "=", id).execute();
      return id;
    };
    const due = await make("Đến hạn hôm nay", today);
    const later = await make("Chưa đến hạn", addMonths(today, 1));
    const closed = await make("Đã có hợp đồng", today, "contract");
    const page = await listMous(getDb(), mouListState(new URLSearchParams("due=1&field=training&size=100")), today);
    const ids = page.rows.map((r) => r.id);
    expect(ids).toContain(due);
    expect(ids).not.toContain(later);
    expect(ids).not.toContain(closed);
  });
});

describe("imports", () => {
  it("imports an attendee XLSX: preview first, then every row in one go, matching by tax code and by name, creating the rest", async () => {
    const eventId = await newEvent("Hội nghị tập huấn cơ khí chế tạo");
    const organisationsBefore = await count("organisations");
    const file = await sheet([
      ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Mã số thuế", "Loại đơn vị", "Điện thoại", "Email"],
      [1, "Huỳnh Văn Long", "Giám đốc", "Cty Huy Long", "4300123456", "", "0914 222 333", ""],
      [2, "Nguyễn Thị Thanh Hà", "Chuyên gia", "TS. Nguyễn Thị Thanh Hà – chuyên gia chuyển đổi số", "", "", "", ""],
      [
        3,
        "Nguyễn Văn Tài",
        "Giám đốc",
        "Công ty TNHH Cơ khí chế tạo Dung Quất",
        "4300812345",
        "Doanh nghiệp",
        "",
        "tai@dungquat.vn",
      ],
      [4, "Lê Văn Bốn", "Kỹ sư", "CÔNG TY CƠ KHÍ CHẾ TẠO DUNG QUẤT", "", "", "", ""],
      [5, "Phan Minh Quân", "Sinh viên", "", "", "", "", ""],
    ]);
    const preview = await call(
      eventImport.action,
      makeRequest(`/staff/events/${eventId}/import`, { cookie: staff.cookie, form: upload(file) }),
      { id: eventId },
    );
    expect(preview.status).toBe(200);
    expect(preview.data.stage).toBe("preview");
    expect(preview.data.summary).toEqual({ rows: 5, add: 5, skip: 0, newOrganisations: 1, matched: 2 });
    expect(
      preview.data.preview.map((r: { organisation: { action: string; by?: string } | null }) =>
        r.organisation ? `${r.organisation.action}:${r.organisation.by ?? ""}` : "none",
      ),
    ).toEqual(["match:tax_code", "match:name", "create:", "create:", "none"]);
    expect(
      await getDb().selectFrom("event_participants").select("id").where("event_id", "=", eventId).execute(),
    ).toHaveLength(0);

    // Someone else cannot confirm another's batch; the uploader confirms once.
    const other = await createUser("staff");
    expect(
      (
        await call(
          eventImport.action,
          makeRequest(`/staff/events/${eventId}/import`, {
            cookie: other.cookie,
            form: { batchId: preview.data.batchId },
          }),
          { id: eventId },
        )
      ).status,
    ).toBe(404);
    const committed = await call(
      eventImport.action,
      makeRequest(`/staff/events/${eventId}/import`, { cookie: staff.cookie, form: { batchId: preview.data.batchId } }),
      { id: eventId },
    );
    expect(committed.status).toBe(302);
    const rows = await getDb()
      .selectFrom("event_participants")
      .leftJoin("organisations", "organisations.id", "event_participants.organisation_id")
      .select([
        "event_participants.person_name",
        "organisations.name",
        "organisations.tax_code",
        "event_participants.source",
      ])
      .where("event_id", "=", eventId)
      .orderBy("event_participants.person_name")
      .execute();
    expect(rows).toEqual([
      {
        person_name: "Huỳnh Văn Long",
        name: "Công ty TNHH MTV Công nghệ cao Huy Long",
        tax_code: "4300123456",
        source: "import",
      },
      {
        person_name: "Lê Văn Bốn",
        name: "Công ty TNHH Cơ khí chế tạo Dung Quất",
        tax_code: "4300812345",
        source: "import",
      },
      {
        person_name: "Nguyễn Thị Thanh Hà",
        name: "TS. Nguyễn Thị Thanh Hà – chuyên gia chuyển đổi số",
        tax_code: null,
        source: "import",
      },
      {
        person_name: "Nguyễn Văn Tài",
        name: "Công ty TNHH Cơ khí chế tạo Dung Quất",
        tax_code: "4300812345",
        source: "import",
      },
      { person_name: "Phan Minh Quân", name: null, tax_code: null, source: "import" },
    ]);
    expect(await count("organisations")).toBe(organisationsBefore + 1);
    const again = await call(
      eventImport.action,
      makeRequest(`/staff/events/${eventId}/import`, { cookie: staff.cookie, form: { batchId: preview.data.batchId } }),
      { id: eventId },
    );
    expect(again.status).toBe(409);
    expect(again.data.problems[0].message).toBe("Tệp này đã được ghi rồi.");

    // The same sheet again: every row is already there and skipped.
    const second = await call(
      eventImport.action,
      makeRequest(`/staff/events/${eventId}/import`, { cookie: staff.cookie, form: upload(file) }),
      { id: eventId },
    );
    expect(second.data.summary).toMatchObject({ add: 0, skip: 5, newOrganisations: 0 });
  });

  it("answers a bad attendee file with a row-by-row report in Vietnamese and keeps nothing", async () => {
    const eventId = await newEvent("Tập huấn quản lý công nghệ");
    const before = [await count("event_participants"), await count("organisations"), await count("connection_imports")];
    const file = await sheet([
      ["Họ và tên", "Đơn vị", "Mã số thuế", "Email"],
      ["Nguyễn Văn An", "Công ty Sao Mai", "12345", ""],
      ["", "", "", "a@b.vn"],
      ["Trần Bình", "Công ty Sao Mai", "", "binh@"],
    ]);
    const result = await call(
      eventImport.action,
      makeRequest(`/staff/events/${eventId}/import`, { cookie: staff.cookie, form: upload(file) }),
      { id: eventId },
    );
    expect(result.status).toBe(400);
    expect(result.data.problems).toEqual([
      {
        row: 2,
        column: "Mã số thuế",
        message: "Mã số thuế “12345” không hợp lệ (10 chữ số, hoặc 13 chữ số dạng 0123456789-001).",
      },
      { row: 3, column: "Họ và tên", message: "Dòng cần có họ tên người tham dự hoặc tên đơn vị." },
      { row: 4, column: "Email", message: "Thư điện tử “binh@” không hợp lệ." },
    ]);
    const noColumns = await call(
      eventImport.action,
      makeRequest(`/staff/events/${eventId}/import`, {
        cookie: staff.cookie,
        form: upload(
          await sheet([
            ["Tên", "SĐT"],
            ["A", "0905123456"],
          ]),
        ),
      }),
      { id: eventId },
    );
    expect(noColumns.data.problems.map((p: { column: string }) => p.column)).toEqual(["Họ và tên", "Đơn vị"]);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const notASheet = await call(
      eventImport.action,
      makeRequest(`/staff/events/${eventId}/import`, {
        cookie: staff.cookie,
        form: upload(new File([png], "danh-sach.xlsx")),
      }),
      { id: eventId },
    );
    expect(notASheet.status).toBe(400);
    expect(notASheet.data.fileError).toBe("Chỉ nhận tệp Excel (.xlsx) hoặc CSV.");
    const latin1 = await call(
      eventImport.action,
      makeRequest(`/staff/events/${eventId}/import`, {
        cookie: staff.cookie,
        form: upload(new File([Buffer.from([0x48, 0xe4, 0x3b, 0x41, 0x0a])], "ds.csv")),
      }),
      { id: eventId },
    );
    expect(latin1.data.fileError).toBe(
      "Không đọc được tệp: tệp Excel bị hỏng, hoặc tệp CSV không ở mã UTF-8 (trong Excel hãy lưu bằng “CSV UTF-8”).",
    );
    const missing = await call(
      eventImport.action,
      makeRequest(`/staff/events/${eventId}/import`, { cookie: staff.cookie, form: new FormData() }),
      { id: eventId },
    );
    expect(missing.data.fileError).toBe("Vui lòng chọn tệp danh sách.");
    expect([
      await count("event_participants"),
      await count("organisations"),
      await count("connection_imports"),
    ]).toEqual(before);
  });

  it("asks for the tax code of a name that matches several organisations of the registry", async () => {
    await createOrganisation("Công ty TNHH Thuận Phát");
    await createOrganisation("CÔNG TY CỔ PHẦN THUẬN PHÁT");
    const eventId = await newEvent("Cà phê doanh nhân tháng 12");
    const csv = new File(["\uFEFFHọ và tên;Đơn vị\r\nNguyễn An;Thuận Phát\r\n"], "ds.csv", { type: "text/csv" });
    const result = await call(
      eventImport.action,
      makeRequest(`/staff/events/${eventId}/import`, { cookie: staff.cookie, form: upload(csv) }),
      { id: eventId },
    );
    expect(result.status).toBe(400);
    expect(result.data.problems).toEqual([
      { row: 2, column: "Đơn vị", message: "Tên này khớp 2 tổ chức trong danh bạ: hãy ghi mã số thuế." },
    ]);
  });

  it("imports an MOU list from CSV with the event named, deriving each pairing; the same list again is skipped", async () => {
    const eventId = await newEvent("Cà phê doanh nhân: Xúc tiến thương mại cho sản phẩm OCOP");
    const csv = [
      "Ngày ký,Bên thứ nhất,MST bên thứ nhất,Bên thứ hai,Loại bên thứ hai,Lĩnh vực,Sự kiện,Tình trạng",
      `29/09/2023,Huy Long,4300123456,ThS. Phạm Thị Thu – chuyên gia xúc tiến thương mại,Chuyên gia,Xúc tiến thương mại,Cà phê doanh nhân: Xúc tiến thương mại cho sản phẩm OCOP,Đang triển khai`,
      `30/09/2023,Huy Long,4300123456,Hợp tác xã Nông nghiệp Tịnh Phong,,"Tư vấn chuyển giao công nghệ; Xúc tiến thương mại",,Đã ký hợp đồng`,
    ].join("\r\n");
    const file = new File([csv], "mou.csv", { type: "text/csv" });
    const preview = await call(
      mousImport.action,
      makeRequest("/staff/mous/import", { cookie: staff.cookie, form: upload(file) }),
    );
    expect(preview.data.problems ?? []).toEqual([]);
    expect(
      preview.data.preview.map((r: { pairing: string; eventTitle: string | null }) => [r.pairing, r.eventTitle]),
    ).toEqual([
      ["enterprise_expert", "Cà phê doanh nhân: Xúc tiến thương mại cho sản phẩm OCOP"],
      ["enterprise_enterprise", null],
    ]);
    const committed = await call(
      mousImport.action,
      makeRequest("/staff/mous/import", { cookie: staff.cookie, form: { batchId: preview.data.batchId } }),
    );
    expect(committed.status).toBe(302);
    const mous = await getDb()
      .selectFrom("mous")
      .select(["pairing", "status", "event_id", "next_check_on", "signed_on"])
      .where("signed_on", "in", ["2023-09-29", "2023-09-30"])
      .orderBy("signed_on")
      .execute();
    expect(mous).toEqual([
      {
        pairing: "enterprise_expert",
        status: "in_progress",
        event_id: eventId,
        next_check_on: today,
        signed_on: "2023-09-29",
      },
      {
        pairing: "enterprise_enterprise",
        status: "contract",
        event_id: null,
        next_check_on: null,
        signed_on: "2023-09-30",
      },
    ]);
    const again = await call(
      mousImport.action,
      makeRequest("/staff/mous/import", { cookie: staff.cookie, form: upload(file) }),
    );
    expect(again.data.summary).toMatchObject({ add: 0, skip: 2 });
  });

  it("reports an MOU row naming an event that does not exist", async () => {
    const csv =
      "Ngày ký,Bên thứ nhất,Bên thứ hai,Lĩnh vực,Sự kiện\r\n01/02/2023,Huy Long,Công ty Mới,Đào tạo,Hội nghị không có\r\n";
    const result = await call(
      mousImport.action,
      makeRequest("/staff/mous/import", { cookie: staff.cookie, form: upload(new File([csv], "mou.csv")) }),
    );
    expect(result.status).toBe(400);
    expect(result.data.problems).toEqual([
      { row: 2, column: "Sự kiện", message: "Không tìm thấy sự kiện “Hội nghị không có” diễn ra trước ngày ký." },
    ]);
  });
});

describe("duplicates and merge", () => {
  it("computes the same name key in SQL as in the rules", async () => {
    const names = [
      "Công ty TNHH MTV Công nghệ cao Huy Long",
      "CTY. CP (Quang Hải)",
      "Hợp tác xã Nông nghiệp Tịnh Phong",
      "TS. Nguyễn Thị Thanh Hà – chuyên gia",
      "Công ty TNHH OLYSA Việt Nam",
      "Cty TNHH OLYSA VN",
    ];
    const ids = await Promise.all(names.map((name) => createOrganisation(name)));
    const rows = await getDb()
      .selectFrom("organisations")
      .select(["id", "name", nameKeySql().as("key")])
      .where("id", "in", ids)
      .execute();
    for (const row of rows) expect(row.key, row.name).toBe(organisationNameKey(row.name));
  });

  it("groups organisations of the same name (legal form aside), but never two with different tax codes", async () => {
    const a = await createOrganisation("Công ty TNHH Sao Mai Quảng Ngãi");
    const b = await createOrganisation("SAO MAI QUẢNG NGÃI");
    const c = await createOrganisation("Công ty CP Bình Minh Xanh");
    const d = await createOrganisation("Binh Minh Xanh");
    await setKind(c, "enterprise", "4300000111");
    await setKind(d, "enterprise", "4300000222");
    const groups = await duplicateGroups(getDb(), { page: 1, pageSize: 100 });
    const memberSets = groups.rows.map((g) => g.members.map((m) => m.id).sort());
    expect(memberSets).toContainEqual([a, b].sort());
    expect(memberSets.some((set) => set.includes(c) || set.includes(d))).toBe(false);
  });

  it("declares every foreign key to organisations in the merge's list, so no link can be forgotten", async () => {
    const declared = await foreignKeysTo(getDb(), "organisations");
    expect(declared).toEqual(ORGANISATION_REFERENCES.map(([table, column]) => `${table}.${column}`).sort());
  });

  it("merges a duplicate keeping every link, the stronger of two, and the history under both ids", async () => {
    const db = getDb();
    const now = new Date().toISOString();
    const owner = await createUser("applicant");
    const judge = await createUser("judge");
    const kept = await createOrganisation("Công ty TNHH Nấm dược liệu Ninh Trương", [owner.id]);
    const gone = await createOrganisation("Nấm Dược Liệu Ninh Truong", [owner.id]);
    await db.updateTable("memberships").set({ role: "member" }).where("organisation_id", "=", kept).execute();
    await setKind(gone, "enterprise", "4300777888");
    await db
      .updateTable("organisations")
      .set({ phone: "0255 3888 999", sector: "Nấm dược liệu" })
      .where("id", "=", gone)
      .execute();
    const eventId = await newEvent("Ngày hội khởi nghiệp 2022");
    await db
      .insertInto("event_participants")
      .values([
        {
          id: newId(),
          event_id: eventId,
          organisation_id: kept,
          person_name: "Ninh Văn Trương",
          position: null,
          phone: null,
          email: null,
          source: "manual",
          created_by: staff.id,
          created_at: now,
        },
        {
          id: newId(),
          event_id: eventId,
          organisation_id: gone,
          person_name: "Ninh Văn Trương",
          position: null,
          phone: null,
          email: null,
          source: "import",
          created_by: staff.id,
          created_at: now,
        },
        {
          id: newId(),
          event_id: eventId,
          organisation_id: gone,
          person_name: "Ninh Thị Hoa",
          position: null,
          phone: null,
          email: null,
          source: "import",
          created_by: staff.id,
          created_at: now,
        },
      ])
      .execute();
    const mouId = newId();
    await db
      .insertInto("mous")
      .values({
        id: mouId,
        reference: null,
        title: "MOU nấm",
        title_search: "mou nam",
        event_id: eventId,
        pairing: "enterprise_expert",
        signed_on: "2022-12-10",
        summary: null,
        status: "signed",
        next_check_on: today,
        created_by: staff.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto("mou_parties")
      .values([
        { mou_id: mouId, organisation_id: gone, position: 0 },
        { mou_id: mouId, organisation_id: expert, position: 1 },
      ])
      .execute();
    await db
      .insertInto("judge_conflicts")
      .values([
        {
          id: newId(),
          judge_id: judge.id,
          organisation_id: kept,
          source: "proposed",
          status: "proposed",
          reason: "Cùng địa phương",
          created_at: now,
          decided_by: null,
          decided_at: null,
        },
        {
          id: newId(),
          judge_id: judge.id,
          organisation_id: gone,
          source: "declared",
          status: "confirmed",
          reason: "Người thân",
          created_at: now,
          decided_by: staff.id,
          decided_at: now,
        },
      ])
      .execute();
    const documentId = await attachPdf(gone, staff.id);
    const techId = await techApplication(gone, "received", staff.id);
    await db
      .insertInto("tech_enterprise_stages")
      .values([
        { organisation_id: kept, stage: "consulted", updated_at: now },
        { organisation_id: gone, stage: "applied", updated_at: now },
      ])
      .execute();

    const refused = await call(
      duplicates.action,
      makeRequest("/organisations/duplicates", {
        cookie: leader.cookie,
        form: { keepId: kept, mergeId: gone, reason: "Trùng" },
      }),
    );
    expect(refused.status).toBe(403);
    const blank = await call(
      duplicates.action,
      makeRequest("/organisations/duplicates", {
        cookie: staff.cookie,
        form: { keepId: kept, mergeId: gone, reason: "" },
      }),
    );
    expect(blank.status).toBe(400);
    expect(blank.data.errors.reason).toBe("Vui lòng nhập thông tin này.");

    const merged = await call(
      duplicates.action,
      makeRequest("/organisations/duplicates", {
        cookie: staff.cookie,
        form: { keepId: kept, mergeId: gone, reason: "Cùng một doanh nghiệp, nhập hai lần" },
      }),
    );
    expect(merged.status).toBe(302);
    expect(merged.location).toBe(`/organisations/${kept}`);
    expect(await db.selectFrom("organisations").select("id").where("id", "=", gone).executeTakeFirst()).toBeUndefined();
    expect(
      await db
        .selectFrom("organisations")
        .select(["tax_code", "phone", "sector"])
        .where("id", "=", kept)
        .executeTakeFirstOrThrow(),
    ).toEqual({ tax_code: "4300777888", phone: "0255 3888 999", sector: "Nấm dược liệu" });
    expect(
      await db.selectFrom("memberships").select(["user_id", "role"]).where("organisation_id", "=", kept).execute(),
    ).toEqual([{ user_id: owner.id, role: "owner" }]);
    expect(
      (
        await db
          .selectFrom("event_participants")
          .select("person_name")
          .where("organisation_id", "=", kept)
          .orderBy("person_name")
          .execute()
      ).map((p) => p.person_name),
    ).toEqual(["Ninh Thị Hoa", "Ninh Văn Trương"]);
    expect(
      await db
        .selectFrom("mou_parties")
        .select("organisation_id")
        .where("mou_id", "=", mouId)
        .orderBy("position")
        .execute(),
    ).toEqual([{ organisation_id: kept }, { organisation_id: expert }]);
    expect(
      await db
        .selectFrom("judge_conflicts")
        .select(["organisation_id", "status"])
        .where("judge_id", "=", judge.id)
        .execute(),
    ).toEqual([{ organisation_id: kept, status: "confirmed" }]);
    expect(
      (await db.selectFrom("attachments").select("owner_id").where("id", "=", documentId).executeTakeFirstOrThrow())
        .owner_id,
    ).toBe(kept);
    expect(
      (
        await db
          .selectFrom("tech_applications")
          .select("organisation_id")
          .where("id", "=", techId)
          .executeTakeFirstOrThrow()
      ).organisation_id,
    ).toBe(kept);
    expect(
      await db
        .selectFrom("tech_enterprise_stages")
        .select(["organisation_id", "stage"])
        .where("organisation_id", "in", [kept, gone])
        .execute(),
    ).toEqual([{ organisation_id: kept, stage: "consulted" }]);
    expect(
      await db
        .selectFrom("organisation_merges")
        .select(["merged_id", "kept_id", "merged_name"])
        .where("merged_id", "=", gone)
        .execute(),
    ).toEqual([{ merged_id: gone, kept_id: kept, merged_name: "Nấm Dược Liệu Ninh Truong" }]);
    const audits = await db
      .selectFrom("audit_events")
      .select(["action", "entity_id", "after_json", "reason"])
      .where("action", "in", ["organisation.merged", "organisation.merged_into"])
      .where("entity_id", "in", [kept, gone])
      .orderBy("id")
      .execute();
    expect(audits.map((a) => [a.action, a.entity_id])).toEqual([
      ["organisation.merged", kept],
      ["organisation.merged_into", gone],
    ]);
    expect(JSON.parse(audits[0].after_json!)).toMatchObject({
      keptId: kept,
      mergedId: gone,
      moved: { event_participants: 1, mou_parties: 1, attachments: 1 },
    });
    expect(audits[0].reason).toBe("Cùng một doanh nghiệp, nhập hai lần");

    // The merged organisation's old address leads to the one kept, whose story now holds the event and the MOU.
    const old = await call(organisationPage.loader, makeRequest(`/organisations/${gone}`, { cookie: staff.cookie }), {
      id: gone,
    });
    expect(old.status).toBe(302);
    expect(old.location).toBe(`/organisations/${kept}`);
    const page = await call(organisationPage.loader, makeRequest(`/organisations/${kept}`, { cookie: staff.cookie }), {
      id: kept,
    });
    expect(page.data.story.map((i: { source: string }) => i.source)).toEqual(
      expect.arrayContaining(["event", "mou", "merge"]),
    );
  });

  it("refuses to merge two organisations with different tax codes, or two that signed an MOU together", async () => {
    const a = await createOrganisation("Công ty Hòa Bình");
    const b = await createOrganisation("Hoa Binh");
    await setKind(a, "enterprise", "4300000333");
    await setKind(b, "enterprise", "4300000444");
    const taxes = await call(
      duplicates.action,
      makeRequest("/organisations/duplicates", {
        cookie: staff.cookie,
        form: { keepId: a, mergeId: b, reason: "Trùng" },
      }),
    );
    expect(taxes.status).toBe(409);
    expect(taxes.data.errors._form).toBe("Hai tổ chức có mã số thuế khác nhau: đây là hai pháp nhân, không gộp.");
    await setKind(b, "enterprise", null);
    const mouId = newId();
    const now = new Date().toISOString();
    await getDb()
      .insertInto("mous")
      .values({
        id: mouId,
        reference: null,
        title: "MOU",
        title_search: "mou",
        event_id: null,
        pairing: "enterprise_enterprise",
        signed_on: "2023-01-01",
        summary: null,
        status: "signed",
        next_check_on: null,
        created_by: staff.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await getDb()
      .insertInto("mou_parties")
      .values([
        { mou_id: mouId, organisation_id: a, position: 0 },
        { mou_id: mouId, organisation_id: b, position: 1 },
      ])
      .execute();
    const together = await call(
      duplicates.action,
      makeRequest("/organisations/duplicates", {
        cookie: staff.cookie,
        form: { keepId: a, mergeId: b, reason: "Trùng" },
      }),
    );
    expect(together.data.errors._form).toBe(
      "Hai tổ chức đã ký biên bản ghi nhớ với nhau: đây là hai tổ chức khác nhau.",
    );
    expect(await getDb().selectFrom("organisations").select("id").where("id", "in", [a, b]).execute()).toHaveLength(2);
  });
});

describe("the organisation's story", () => {
  it("shows staff the events and MOUs with links to their records, and a member the same without links", async () => {
    const eventId = await newEvent("Hội thảo câu chuyện tổ chức");
    await call(
      eventPage.action,
      makeRequest(`/staff/events/${eventId}`, {
        cookie: staff.cookie,
        form: { intent: "participant", organisationId: enterprise, personName: "Huỳnh Văn Long" },
      }),
      { id: eventId },
    );
    const form = new FormData();
    for (const [k, v] of [
      ["eventId", eventId],
      ["partyIds", enterprise],
      ["partyIds", expert],
      ["fields", "trade_promotion"],
      ["signedOn", "2023-09-28"],
      ["title", "MOU câu chuyện"],
    ])
      form.append(k, v);
    const created = await call(mousNew.action, makeRequest("/staff/mous/new", { cookie: staff.cookie, form }));
    const mouId = created.location!.split("/").pop()!;

    const techId = await techApplication(enterprise, "received", applicant.id);
    const draftId = await techApplication(enterprise, "draft", applicant.id, "Bản nháp chưa nộp");
    const asStaff = await call(
      organisationPage.loader,
      makeRequest(`/organisations/${enterprise}`, { cookie: leader.cookie }),
      { id: enterprise },
    );
    const staffItems = asStaff.data.story as Array<{ source: string; title: string; href: string | null }>;
    expect(staffItems).toContainEqual(
      expect.objectContaining({
        source: "event",
        title: "Hội thảo câu chuyện tổ chức",
        href: `/staff/events/${eventId}`,
      }),
    );
    expect(staffItems).toContainEqual(
      expect.objectContaining({ source: "mou", title: "MOU câu chuyện", href: `/staff/mous/${mouId}` }),
    );
    expect(staffItems).toContainEqual(
      expect.objectContaining({
        source: "technology",
        statusKey: "technology.statuses.received",
        href: `/staff/technology/applications/${techId}`,
      }),
    );
    expect(staffItems.some((item) => item.href?.endsWith(draftId))).toBe(false);

    const asMember = await call(
      organisationPage.loader,
      makeRequest(`/organisations/${enterprise}`, { cookie: applicant.cookie }),
      { id: enterprise },
    );
    const memberItems = asMember.data.story as Array<{ source: string; title: string; href: string | null }>;
    expect(memberItems).toContainEqual(expect.objectContaining({ source: "mou", title: "MOU câu chuyện", href: null }));
    expect(memberItems).toContainEqual(
      expect.objectContaining({
        source: "technology",
        title: "Bản nháp chưa nộp",
        href: `/technology/applications/${draftId}`,
      }),
    );
    expect(memberItems.every((item) => !item.href?.startsWith("/staff/"))).toBe(true);
    expect(asMember.data.similar).toEqual([]);
  });
});

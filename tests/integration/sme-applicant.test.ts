import { beforeAll, describe, expect, it } from "vitest";
import { translator } from "../../app/i18n";
import { getDb } from "../../app/lib/db.server";
import { allowedTypeLabels } from "../../app/lib/files.server";
import { formatMoney } from "../../app/lib/format";
import { provinceDate } from "../../app/lib/province-time";
import { nowIso } from "../../app/lib/time.server";
import * as files from "../../app/routes/files.$id";
import * as dossierPage from "../../app/routes/sme.dossiers.$id";
import * as newDossier from "../../app/routes/sme.dossiers.new";
import * as smeHome from "../../app/routes/sme._index";
import * as profilePrint from "../../app/routes/sme.profile_.print";
import * as profilePage from "../../app/routes/sme.profile";
import { call, createOrganisation, createUser, makeRequest, TINY_PDF, type TestUser } from "../helpers/fixtures";
import { createProgramme } from "../helpers/sme";

const vi = translator("vi") as unknown as (key: string, options?: Record<string, string>) => string;
const MILLION = 1_000_000;
const PREFIX = "HTDN";

type Seeded = { programmeId: string; consultingId: string; declarationId: string; quoteId: string; extraId: string };

/** The programme of Decision 1325 with one support content (consulting, Decree 80 art. 13.2) and its checklist. */
async function seedProgramme(): Promise<Seeded> {
  const programme = await createProgramme({ prefix: PREFIX });
  const [declarationId, quoteId, extraId] = programme.documentIds;
  return { programmeId: programme.programmeId, consultingId: programme.typeId, declarationId, quoteId, extraId };
}

async function count(
  table: "enterprise_profiles" | "support_dossiers" | "attachments" | "audit_events" | "outbox_messages",
): Promise<number> {
  const row = await getDb()
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const dossierRow = (id: string) =>
  getDb().selectFrom("support_dossiers").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
const auditActions = async (id: string) =>
  (
    await getDb()
      .selectFrom("audit_events")
      .select("action")
      .where("entity_type", "=", "support_dossier")
      .where("entity_id", "=", id)
      .orderBy("id")
      .execute()
  ).map((r) => r.action);

const DECLARATION = {
  sectorGroup: "agriculture_industry",
  mainBusinessLine: "Sản xuất nấm dược liệu",
  fiscalYear: "2025",
  employees: "8",
  revenueVnd: "2.500.000.000",
  capitalVnd: "4.000.000.000",
};
const REQUEST = {
  content: "Tư vấn xây dựng hệ thống quản lý chất lượng ISO 9001",
  providerName: "Công ty Tư vấn Miền Trung",
  providerTaxCode: "4300123456",
  totalCostVnd: "40.000.000",
  requestedVnd: "40.000.000",
};

let owner: TestUser;
let colleague: TestUser;
let other: TestUser;
let staff: TestUser;
let leader: TestUser;
let admin: TestUser;
let judge: TestUser;
let manager: TestUser;
let enterprise = "";
let othersEnterprise = "";
let seeded: Seeded;

function declare(user: TestUser, organisationId: string, form: Record<string, string>) {
  return call(
    profilePage.action,
    makeRequest(`/sme/profile?organisation=${organisationId}`, { cookie: user.cookie, form }),
  );
}

function openDossier(user: TestUser, form: Record<string, string>) {
  return call(newDossier.action, makeRequest("/sme/dossiers/new", { cookie: user.cookie, form }));
}

function onDossier(user: TestUser | null, id: string, form?: Record<string, string> | FormData) {
  return call(
    form ? dossierPage.action : dossierPage.loader,
    makeRequest(`/sme/dossiers/${id}`, { cookie: user?.cookie, form }),
    { id },
  );
}

function fileForm(requirementId: string, bytes: Uint8Array, name: string): FormData {
  const form = new FormData();
  form.append("requirementId", requirementId);
  form.append("document", new File([new Uint8Array(bytes)], name, { type: "application/pdf" }));
  return form;
}

beforeAll(async () => {
  [owner, colleague, other, staff, leader, admin, judge, manager] = await Promise.all([
    createUser("applicant", { fullName: "Ninh Trương" }),
    createUser("applicant"),
    createUser("applicant"),
    createUser("staff"),
    createUser("leader"),
    createUser("admin"),
    createUser("judge"),
    createUser("incubator_manager"),
  ]);
  enterprise = await createOrganisation("Công ty TNHH MTV nấm dược liệu Ninh Trương", [owner.id, colleague.id]);
  othersEnterprise = await createOrganisation("Công ty TNHH OLYSA Việt Nam", [other.id]);
  seeded = await seedProgramme();
});

describe("the SME declaration", () => {
  it("classifies a firm in industry with 8 insured staff and 2.5 bn revenue as micro, by the revenue limit, and stores it", async () => {
    const saved = await declare(owner, enterprise, DECLARATION);
    expect(saved.status).toBe(302);
    expect(saved.location).toBe(`/sme/profile?organisation=${enterprise}`);
    const profile = await getDb()
      .selectFrom("enterprise_profiles")
      .selectAll()
      .where("organisation_id", "=", enterprise)
      .executeTakeFirstOrThrow();
    expect(profile).toMatchObject({
      size: "micro",
      employees: 8,
      revenue_vnd: 2_500_000_000,
      capital_vnd: 4_000_000_000,
      declared_by: owner.id,
      women_owned: 0,
    });

    const page = await call(
      profilePage.loader,
      makeRequest(`/sme/profile?organisation=${enterprise}`, { cookie: owner.cookie }),
    );
    expect(page.status).toBe(200);
    expect(page.data.classification).toEqual({
      size: "micro",
      decidedBy: expect.objectContaining({
        size: "micro",
        by: "revenue",
        maxEmployees: 10,
        maxRevenueVnd: 3_000_000_000,
      }),
    });
    const audit = await getDb()
      .selectFrom("audit_events")
      .select(["actor_id"])
      .where("action", "=", "sme.profile_declared")
      .where("entity_id", "=", enterprise)
      .execute();
    expect(audit).toEqual([{ actor_id: owner.id }]);
  });

  it.each([
    ["a negative number of employees", { employees: "-3" }, "employees", () => vi("errors.tooSmall", { min: "0" })],
    ["letters in the revenue", { revenueVnd: "ba tỷ" }, "revenueVnd", () => vi("errors.numberNotation")],
    [
      "an empty revenue field (not given, never 0 and so micro)",
      { revenueVnd: "" },
      "revenueVnd",
      () => vi("errors.numberRequired"),
    ],
    ["a revenue of only spaces", { revenueVnd: "   " }, "revenueVnd", () => vi("errors.numberRequired")],
    ["an empty capital field", { capitalVnd: "" }, "capitalVnd", () => vi("errors.numberRequired")],
    ["an empty employees field", { employees: "" }, "employees", () => vi("errors.numberRequired")],
    [
      "3,5 typed in the đồng field (a fraction of a đồng, never 35)",
      { revenueVnd: "3,5" },
      "revenueVnd",
      () => vi("errors.wholeDong"),
    ],
    [
      "an amount with English thousands commas",
      { capitalVnd: "4,000,000,000" },
      "capitalVnd",
      () => vi("errors.numberNotation"),
    ],
    ["no sector", { sectorGroup: "" }, "sectorGroup", () => vi("errors.invalidChoice")],
  ])("refuses %s with a Vietnamese message next to the field and stores nothing", async (_, change, field, message) => {
    const [profiles, audits] = [await count("enterprise_profiles"), await count("audit_events")];
    const refused = await declare(other, othersEnterprise, { ...DECLARATION, ...change });
    expect(refused.status).toBe(400);
    expect(refused.data.errors[field]).toBe(message());
    expect(await count("enterprise_profiles")).toBe(profiles);
    expect(await count("audit_events")).toBe(audits);
  });

  it("reads a fractional yearly average of insured staff: 50,5 in trade is above the small limit of 50, 49,5 is within it", async () => {
    const trade = {
      ...DECLARATION,
      sectorGroup: "trade_services",
      revenueVnd: "60.000.000.000",
      capitalVnd: "60.000.000.000",
    };
    expect((await declare(other, othersEnterprise, { ...trade, employees: "50,5" })).status).toBe(302);
    const above = await getDb()
      .selectFrom("enterprise_profiles")
      .select(["employees", "size"])
      .where("organisation_id", "=", othersEnterprise)
      .executeTakeFirstOrThrow();
    expect(above).toEqual({ employees: 50.5, size: "medium" });
    expect((await declare(other, othersEnterprise, { ...trade, employees: "49,5" })).status).toBe(302);
    const within = await getDb()
      .selectFrom("enterprise_profiles")
      .select(["employees", "size"])
      .where("organisation_id", "=", othersEnterprise)
      .executeTakeFirstOrThrow();
    expect(within).toEqual({ employees: 49.5, size: "small" });
    const page = await call(
      profilePage.loader,
      makeRequest(`/sme/profile?organisation=${othersEnterprise}`, { cookie: other.cookie }),
    );
    expect(page.data.profile.employees).toBe(49.5);
    await getDb().deleteFrom("enterprise_profiles").where("organisation_id", "=", othersEnterprise).execute();
  });

  it("refuses to let an applicant declare for an enterprise they are not a member of", async () => {
    const before = await getDb()
      .selectFrom("enterprise_profiles")
      .selectAll()
      .where("organisation_id", "=", enterprise)
      .executeTakeFirstOrThrow();
    const refused = await declare(other, enterprise, { ...DECLARATION, employees: "150" });
    expect(refused.status).toBe(403);
    expect(
      (await call(profilePage.loader, makeRequest(`/sme/profile?organisation=${enterprise}`, { cookie: other.cookie })))
        .status,
    ).toBe(403);
    expect(
      await getDb()
        .selectFrom("enterprise_profiles")
        .selectAll()
        .where("organisation_id", "=", enterprise)
        .executeTakeFirstOrThrow(),
    ).toEqual(before);
  });

  it("answers 404 for an organisation that does not exist or is not named", async () => {
    expect(
      (await call(profilePage.loader, makeRequest("/sme/profile?organisation=nope", { cookie: owner.cookie }))).status,
    ).toBe(404);
    expect((await call(profilePage.loader, makeRequest("/sme/profile", { cookie: owner.cookie }))).status).toBe(404);
  });

  it("prints the declaration for the members and for staff, not for other enterprises", async () => {
    for (const user of [owner, staff, leader, admin]) {
      const printed = await call(
        profilePrint.loader,
        makeRequest(`/sme/profile/print?organisation=${enterprise}`, { cookie: user.cookie }),
      );
      expect(printed.status).toBe(200);
      expect(printed.data.profile.size).toBe("micro");
      expect(printed.data.organisation.name).toBe("Công ty TNHH MTV nấm dược liệu Ninh Trương");
      expect(printed.data.classification.decidedBy.by).toBe("revenue");
    }
    expect(
      (
        await call(
          profilePrint.loader,
          makeRequest(`/sme/profile/print?organisation=${enterprise}`, { cookie: other.cookie }),
        )
      ).status,
    ).toBe(403);
  });
});

describe("a support request", () => {
  let dossierId = "";

  it("refuses an amount above the yearly cap, saying the cap, and stores nothing", async () => {
    const before = await count("support_dossiers");
    const refused = await openDossier(owner, {
      ...REQUEST,
      organisationId: enterprise,
      supportTypeId: seeded.consultingId,
      totalCostVnd: "80.000.000",
      requestedVnd: "60.000.000",
    });
    expect(refused.status).toBe(400);
    const cap = formatMoney(50 * MILLION, "vi");
    expect(refused.data.errors.requestedVnd).toBe(
      vi("sme.problems.amount.aboveCap", { max: cap, cap, byRate: formatMoney(80 * MILLION, "vi") }),
    );
    expect(refused.data.errors.requestedVnd).toContain(cap);
    expect(refused.data.values.requestedVnd).toBe("60.000.000");
    expect(await count("support_dossiers")).toBe(before);
  });

  it("refuses a request for an enterprise that has not declared its size, and one for somebody else's enterprise", async () => {
    const undeclared = await openDossier(other, {
      ...REQUEST,
      organisationId: othersEnterprise,
      supportTypeId: seeded.consultingId,
    });
    expect(undeclared.status).toBe(400);
    expect(undeclared.data.errors.organisationId).toBe(vi("sme.problems.noProfile"));
    expect(
      (await openDossier(other, { ...REQUEST, organisationId: enterprise, supportTypeId: seeded.consultingId })).status,
    ).toBe(403);
    expect(await count("support_dossiers")).toBe(0);
  });

  it("creates a draft and sends the enterprise to it", async () => {
    const created = await openDossier(owner, {
      ...REQUEST,
      organisationId: enterprise,
      supportTypeId: seeded.consultingId,
    });
    expect(created.status).toBe(302);
    dossierId = created.location!.split("/").pop()!;
    expect(created.location).toBe(`/sme/dossiers/${dossierId}`);
    expect(await dossierRow(dossierId)).toMatchObject({
      status: "draft",
      receipt_number: null,
      requested_vnd: 40 * MILLION,
      total_cost_vnd: 40 * MILLION,
      enterprise_size: "micro",
      created_by: owner.id,
      provider_tax_code: "4300123456",
    });
    expect(await auditActions(dossierId)).toEqual(["sme.dossier_created"]);
  });

  it("shows the dossier to the enterprise's members, with its checklist and what is missing", async () => {
    for (const member of [owner, colleague]) {
      const page = await onDossier(member, dossierId);
      expect(page.status).toBe(200);
      expect(page.data.events).toEqual(["submit"]);
      expect(page.data.editable).toBe(true);
      expect(page.data.missing).toEqual(["Tờ khai đề nghị hỗ trợ (Phụ lục 1)", "Báo giá của đơn vị tư vấn"]);
      expect(page.data.dossier).not.toHaveProperty("appraisal_note");
    }
    const home = await call(smeHome.loader, makeRequest("/sme", { cookie: owner.cookie }));
    expect(home.data.dossiers.map((d: { id: string }) => d.id)).toEqual([dossierId]);
    expect(home.data.enterprises).toEqual([expect.objectContaining({ id: enterprise, size: "micro" })]);
    expect(home.data.types[0].rules.find((r: { size: string }) => r.size === "micro").verified).toBe(0);
  });

  it("answers 404 to another applicant on the page and on every action, changing nothing", async () => {
    expect((await onDossier(other, dossierId)).status).toBe(404);
    expect((await onDossier(other, dossierId, { intent: "transition", event: "submit" })).status).toBe(404);
    expect((await onDossier(other, dossierId, { intent: "save", ...REQUEST, requestedVnd: "1.000.000" })).status).toBe(
      404,
    );
    expect((await onDossier(other, dossierId, fileForm(seeded.quoteId, TINY_PDF, "bao-gia.pdf"))).status).toBe(404);
    expect(await dossierRow(dossierId)).toMatchObject({ status: "draft", requested_vnd: 40 * MILLION });
    const home = await call(smeHome.loader, makeRequest("/sme", { cookie: other.cookie }));
    expect(home.data.dossiers).toEqual([]);
  });

  it.each(["staff", "leader", "admin", "judge", "incubator_manager"] as const)(
    "refuses the enterprise's page to a %s (403)",
    async (role) => {
      const user = { staff, leader, admin, judge, incubator_manager: manager }[role];
      expect((await onDossier(user, dossierId)).status).toBe(403);
      expect((await onDossier(user, dossierId, { intent: "transition", event: "submit" })).status).toBe(403);
    },
  );

  it("lets the owner change the draft, within the cap, and audits the change", async () => {
    const above = await onDossier(owner, dossierId, {
      intent: "save",
      ...REQUEST,
      totalCostVnd: "90.000.000",
      requestedVnd: "55.000.000",
    });
    expect(above.status).toBe(400);
    expect(above.data.errors.requestedVnd).toContain(formatMoney(50 * MILLION, "vi"));
    const saved = await onDossier(owner, dossierId, {
      intent: "save",
      ...REQUEST,
      totalCostVnd: "45.000.000",
      requestedVnd: "45.000.000",
    });
    expect(saved.status).toBe(302);
    expect(await dossierRow(dossierId)).toMatchObject({ total_cost_vnd: 45 * MILLION, requested_vnd: 45 * MILLION });
    expect(await auditActions(dossierId)).toEqual(["sme.dossier_created", "sme.dossier_updated"]);
  });

  it("refuses a file that only calls itself a PDF", async () => {
    const before = await count("attachments");
    const refused = await onDossier(
      owner,
      dossierId,
      fileForm(
        seeded.declarationId,
        new TextEncoder().encode("<html><body>không phải PDF</body></html>"),
        "to-khai.pdf",
      ),
    );
    expect(refused.status).toBe(400);
    expect(refused.data.errors.document).toBe(vi("errors.fileType", { allowed: allowedTypeLabels() }));
    expect(refused.data.target).toBe(seeded.declarationId);
    expect(await count("attachments")).toBe(before);
  });

  it("takes a PDF against a checklist item; members read it, staff not while it is a draft, others never", async () => {
    const uploaded = await onDossier(owner, dossierId, fileForm(seeded.declarationId, TINY_PDF, "to-khai.pdf"));
    expect(uploaded.status).toBe(302);
    const attachment = await getDb()
      .selectFrom("attachments")
      .select(["id", "purpose", "owner_type"])
      .where("owner_id", "=", dossierId)
      .executeTakeFirstOrThrow();
    expect(attachment).toMatchObject({ purpose: seeded.declarationId, owner_type: "support_dossier" });
    const page = await onDossier(owner, dossierId);
    expect(page.data.missing).toEqual(["Báo giá của đơn vị tư vấn"]);
    const read = (user: TestUser) =>
      call(files.loader, makeRequest(`/files/${attachment.id}`, { cookie: user.cookie }), { id: attachment.id }).then(
        (r) => r.status,
      );
    expect(await read(owner)).toBe(200);
    expect(await read(colleague)).toBe(200);
    expect(await read(staff)).toBe(403);
    expect(await read(other)).toBe(403);
    expect(await read(judge)).toBe(403);
  });

  it("refuses filing while the programme is paused and refusing new dossiers, saying why", async () => {
    const db = getDb();
    await db
      .updateTable("support_programmes")
      .set({ status: "paused", status_reason: "Chờ thông tư hướng dẫn về tài chính.", paused_intake: "refuse" })
      .where("id", "=", seeded.programmeId)
      .execute();
    try {
      const home = await call(smeHome.loader, makeRequest("/sme", { cookie: owner.cookie }));
      expect(home.data.programme).toMatchObject({
        status: "paused",
        paused_intake: "refuse",
        status_reason: "Chờ thông tư hướng dẫn về tài chính.",
      });
      const refused = await onDossier(owner, dossierId, { intent: "transition", event: "submit" });
      expect(refused.status).toBe(400);
      expect(refused.data.errors._form).toBe(
        vi("sme.problems.programmePaused", { reason: "Chờ thông tư hướng dẫn về tài chính." }),
      );
      expect((await dossierRow(dossierId)).status).toBe("draft");
    } finally {
      await db
        .updateTable("support_programmes")
        .set({ status: "open", status_reason: null, paused_intake: "queue" })
        .where("id", "=", seeded.programmeId)
        .execute();
    }
  });

  it("files a draft with a required document still missing, gives it a receipt number and e-mails every member", async () => {
    const outbox = await count("outbox_messages");
    const filed = await onDossier(owner, dossierId, { intent: "transition", event: "submit" });
    expect(filed.status).toBe(302);
    expect(filed.location).toBe(`/sme/dossiers/${dossierId}`);
    const year = provinceDate(nowIso()).slice(0, 4);
    const receipt = `${PREFIX}${year}-0001`;
    expect(await dossierRow(dossierId)).toMatchObject({ status: "submitted", receipt_number: receipt, receipt_seq: 1 });
    expect(await count("outbox_messages")).toBe(outbox + 2);
    const mails = await getDb()
      .selectFrom("outbox_messages")
      .select(["to_address", "subject", "text_body"])
      .where("subject", "like", `%${receipt}%`)
      .execute();
    expect(mails.map((m) => m.to_address).sort()).toEqual([owner.email, colleague.email].sort());
    expect(mails[0].text_body).toContain(`/sme/dossiers/${dossierId}`);
    const page = await onDossier(owner, dossierId);
    expect(page.data.events).toEqual(["withdraw"]);
    expect(page.data.editable).toBe(false);
  });

  it("lets staff read the documents once the dossier is filed", async () => {
    const attachment = await getDb()
      .selectFrom("attachments")
      .select("id")
      .where("owner_id", "=", dossierId)
      .executeTakeFirstOrThrow();
    expect(
      (
        await call(files.loader, makeRequest(`/files/${attachment.id}`, { cookie: staff.cookie }), {
          id: attachment.id,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(files.loader, makeRequest(`/files/${attachment.id}`, { cookie: other.cookie }), {
          id: attachment.id,
        })
      ).status,
    ).toBe(403);
  });

  it("refuses the department's events to the enterprise", async () => {
    expect((await onDossier(owner, dossierId, { intent: "transition", event: "receive" })).status).toBe(403);
    expect(
      (await onDossier(owner, dossierId, { intent: "transition", event: "approve", amountVnd: "45.000.000" })).status,
    ).toBe(400);
    expect((await dossierRow(dossierId)).status).toBe("submitted");
  });

  it("refuses to change a filed dossier or add documents to it", async () => {
    const [attachments, audits] = [await count("attachments"), await count("audit_events")];
    const edit = await onDossier(owner, dossierId, { intent: "save", ...REQUEST, requestedVnd: "10.000.000" });
    expect(edit.status).toBe(409);
    expect(edit.data.errors._form).toBe(vi("sme.problems.notEditable"));
    const upload = await onDossier(owner, dossierId, fileForm(seeded.quoteId, TINY_PDF, "bao-gia.pdf"));
    expect(upload.status).toBe(409);
    expect(upload.data.errors.document).toBe(vi("sme.problems.notEditable"));
    expect((await dossierRow(dossierId)).requested_vnd).toBe(45 * MILLION);
    expect(await count("attachments")).toBe(attachments);
    expect(await count("audit_events")).toBe(audits);
  });

  it("withdraws only with a reason", async () => {
    const bare = await onDossier(owner, dossierId, { intent: "transition", event: "withdraw" });
    expect(bare.status).toBe(400);
    expect(bare.data.errors.reason).toBe(vi("sme.problems.reasonRequired"));
    expect((await dossierRow(dossierId)).status).toBe("submitted");
    const withdrawn = await onDossier(owner, dossierId, {
      intent: "transition",
      event: "withdraw",
      reason: "Doanh nghiệp tự chi trả chi phí tư vấn.",
    });
    expect(withdrawn.status).toBe(302);
    expect((await dossierRow(dossierId)).status).toBe("withdrawn");
    const audit = await getDb()
      .selectFrom("audit_events")
      .select(["reason", "actor_id"])
      .where("entity_id", "=", dossierId)
      .where("action", "=", "sme.dossier_withdraw")
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ reason: "Doanh nghiệp tự chi trả chi phí tư vấn.", actor_id: owner.id });
  });

  it("has written one audit row for every change, shown as the dossier's history", async () => {
    expect(await auditActions(dossierId)).toEqual([
      "sme.dossier_created",
      "sme.dossier_updated",
      "sme.document_added",
      "sme.dossier_submit",
      "sme.dossier_withdraw",
    ]);
    const page = await onDossier(owner, dossierId);
    expect(page.data.history.map((h: { action: string }) => h.action)).toEqual([
      "sme.dossier_withdraw",
      "sme.dossier_submit",
      "sme.document_added",
      "sme.dossier_updated",
      "sme.dossier_created",
    ]);
    expect(page.data.history[0]).not.toHaveProperty("after_json");
  });
});

describe("who may open the enterprise's pages", () => {
  const PAGES = [
    ["/sme", smeHome.loader, {}],
    ["/sme/profile?organisation=ORG", profilePage.loader, {}],
    ["/sme/profile/print?organisation=ORG", profilePrint.loader, {}],
    ["/sme/dossiers/new", newDossier.loader, {}],
    ["/sme/dossiers/some-id", dossierPage.loader, { id: "some-id" }],
  ] as const;

  it.each(PAGES)("sends an anonymous visitor of %s to the login page", async (path, loader, params) => {
    const result = await call(loader, makeRequest(path.replace("ORG", enterprise)), params);
    expect(result.status).toBe(302);
    expect(result.location).toMatch(/^\/login\?redirectTo=/);
  });

  it.each(PAGES.filter(([path]) => !path.includes("print")))(
    "refuses %s to staff, leaders, admins, judges and incubator managers",
    async (path, loader, params) => {
      for (const user of [staff, leader, admin, judge, manager]) {
        expect(
          (await call(loader, makeRequest(path.replace("ORG", enterprise), { cookie: user.cookie }), params)).status,
        ).toBe(403);
      }
    },
  );

  it("refuses the printed declaration to judges and incubator managers", async () => {
    for (const user of [judge, manager]) {
      expect(
        (
          await call(
            profilePrint.loader,
            makeRequest(`/sme/profile/print?organisation=${enterprise}`, { cookie: user.cookie }),
          )
        ).status,
      ).toBe(403);
    }
  });

  it("opens the applicant's pages to an applicant", async () => {
    expect((await call(smeHome.loader, makeRequest("/sme", { cookie: other.cookie }))).status).toBe(200);
    const fresh = await call(
      newDossier.loader,
      makeRequest(`/sme/dossiers/new?organisation=${othersEnterprise}`, { cookie: other.cookie }),
    );
    expect(fresh.status).toBe(200);
    expect(fresh.data.chosen).toBe(othersEnterprise);
    expect(fresh.data.types.map((t: { id: string }) => t.id)).toEqual([seeded.consultingId]);
  });
});

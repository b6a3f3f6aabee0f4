import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { UserRole } from "../../db/types";
import { getDb } from "../../app/lib/db.server";
import { newId } from "../../app/lib/ids.server";
import { createDossier, transitionDossier } from "../../app/modules/sme/commands.server";
import { translator } from "../../app/i18n";
import { createProgramme, declareEnterprise } from "../helpers/sme";
import { createCampaign } from "../../app/modules/technology/commands.server";
import { createEdition } from "../../app/modules/competition/editions.server";
import { createDraft } from "../../app/modules/reports/drafts.server";
import * as competition from "../../app/routes/competitions.$id";
import * as home from "../../app/routes/home";
import * as login from "../../app/routes/login";
import * as logout from "../../app/routes/logout";
import * as register from "../../app/routes/register";
import * as setLanguage from "../../app/routes/set-language";
import * as verify from "../../app/routes/verify.$code";
import {
  attachPdf,
  call,
  createOrganisation,
  createUser,
  insertEntry,
  makeRequest,
  TINY_PDF,
  type TestUser,
} from "../helpers/fixtures";

/**
 * The authorization matrix: every route file under app/routes, with what each role gets from its loader (GET) and from
 * each intent of its action (POST). The list of routes is read from the directory, so a new route that exports a loader
 * or an action fails here until it has its line.
 */

type Role = UserRole | "anonymous";
const ROLES: Role[] = ["anonymous", "applicant", "judge", "staff", "leader", "incubator_manager", "admin"];

const users = {} as Record<UserRole, TestUser>;
let twoFactorResetTargetId = "";
let ownOrganisationId = "";
let otherOrganisationId = "";
let ownFileId = "";
let otherFileId = "";
let outboxId = "";
let editionId = "";
let entryId = "";
let roundId = "";
let entryFileId = "";
let incubatorId = "";
let dossierId = "";
let connectionEventId = "";
let mouId = "";
let techReceivedId = "";
let techReviewedId = "";
let techApprovedId = "";
let techDraftId = "";
let campaignId = "";
let reportDraftId = "";
let programmeId = "";
let incubationRecordId = "";

/** A technology application of the applicant's enterprise, written straight in at the given status. */
async function techApplicationAt(
  status: "draft" | "received" | "reviewed" | "approved",
  organisationId: string,
  createdBy: string,
): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await getDb()
    .insertInto("tech_applications")
    .values({
      id,
      organisation_id: organisationId,
      status,
      kind: "renovation",
      technology: "Máy sấy",
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
  if (status === "approved") {
    await getDb()
      .insertInto("tech_certificates")
      .values({
        id: newId(),
        application_id: id,
        year: 2026,
        seq: 1,
        number: "01/GXN-SKHCN",
        verification_code: "KIEMTRAQUYEN2",
        issued_at: now,
        signer_name: "Lãnh đạo",
        signer_title: "GIÁM ĐỐC",
        issued_by: createdBy,
        revoked_at: null,
        revoked_by: null,
        revoke_reason: null,
      })
      .execute();
  }
  return id;
}

beforeAll(async () => {
  for (const role of ROLES) if (role !== "anonymous") users[role] = await createUser(role);
  // An enrolled account of its own for the admin's two-factor reset, which ends that account's sessions.
  twoFactorResetTargetId = (await createUser("leader")).id;
  ownOrganisationId = await createOrganisation("Công ty của người nộp", [users.applicant.id]);
  otherOrganisationId = await createOrganisation("Công ty khác", []);
  ownFileId = await attachPdf(ownOrganisationId, users.applicant.id);
  otherFileId = await attachPdf(otherOrganisationId, users.admin.id, "khac.pdf");
  incubatorId = await createOrganisation("Vườn ươm của người quản lý", [users.incubator_manager.id]);
  await getDb()
    .updateTable("organisations")
    .set({ kind: "support_organisation" })
    .where("id", "=", incubatorId)
    .execute();
  const db = getDb();
  const now = new Date().toISOString();
  outboxId = newId();
  await db
    .insertInto("outbox_messages")
    .values({
      id: outboxId,
      to_address: "a@b.vn",
      subject: "Thử",
      text_body: "Nội dung",
      status: "kept",
      error: null,
      created_at: now,
      sent_at: null,
    })
    .execute();
  const admin = { id: users.admin.id, email: users.admin.email, fullName: "x", role: "admin" as const, sessionId: "x" };
  editionId = await createEdition(db, admin, EDITION_INPUT, "127.0.0.1");
  await db.updateTable("competition_editions").set({ status: "published" }).where("id", "=", editionId).execute();
  roundId = (
    await db
      .selectFrom("competition_rounds")
      .select("id")
      .where("edition_id", "=", editionId)
      .orderBy("position")
      .executeTakeFirstOrThrow()
  ).id;
  entryId = newId();
  await insertEntry({
    id: entryId,
    edition_id: editionId,
    organisation_id: ownOrganisationId,
    created_by: users.applicant.id,
    status: "submitted",
    receipt_seq: 1,
    receipt_number: "KN2026-0001",
    project_name: "Dự án kiểm thử",
    name_search: "du an kiem thu",
  });
  entryFileId = await attachPdf(ownOrganisationId, users.applicant.id, "ke-hoach.pdf");
  await db
    .updateTable("attachments")
    .set({ owner_type: "entry", owner_id: entryId, purpose: "other" })
    .where("id", "=", entryFileId)
    .execute();
  const programme = await createProgramme();
  programmeId = programme.programmeId;
  await declareEnterprise(ownOrganisationId, users.applicant.id);
  const applicant = {
    id: users.applicant.id,
    email: users.applicant.email,
    fullName: "x",
    role: "applicant" as const,
    sessionId: "x",
  };
  const created = await createDossier(
    db,
    applicant,
    {
      organisationId: ownOrganisationId,
      supportTypeId: programme.typeId,
      content: "Tư vấn",
      providerName: "A",
      totalCostVnd: 10_000_000,
      requestedVnd: 5_000_000,
    },
    null,
  );
  if (!created.ok) throw new Error("dossier refused");
  dossierId = created.id;
  await transitionDossier(db, applicant, dossierId, "submit", {}, { t: translator("vi"), ip: null });
  connectionEventId = newId();
  await db
    .insertInto("connection_events")
    .values({
      id: connectionEventId,
      kind: "workshop",
      title: "Hội thảo kết nối",
      title_search: "hoi thao ket noi",
      starts_on: "2023-09-28",
      ends_on: "2023-09-28",
      place: null,
      topic: null,
      summary: null,
      reported_organisations: null,
      reported_people: 150,
      count_note: null,
      created_by: users.admin.id,
      created_at: now,
      updated_at: now,
    })
    .execute();
  mouId = newId();
  await db
    .insertInto("mous")
    .values({
      id: mouId,
      reference: null,
      title: "Biên bản ghi nhớ",
      title_search: "bien ban ghi nho",
      event_id: connectionEventId,
      pairing: "enterprise_enterprise",
      signed_on: "2023-09-28",
      summary: null,
      status: "signed",
      next_check_on: "2024-03-28",
      created_by: users.admin.id,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto("mou_parties")
    .values([
      { mou_id: mouId, organisation_id: ownOrganisationId, position: 0 },
      { mou_id: mouId, organisation_id: otherOrganisationId, position: 1 },
    ])
    .execute();
  techDraftId = await techApplicationAt("draft", ownOrganisationId, users.applicant.id);
  techReceivedId = await techApplicationAt("received", ownOrganisationId, users.applicant.id);
  techReviewedId = await techApplicationAt("reviewed", ownOrganisationId, users.applicant.id);
  techApprovedId = await techApplicationAt("approved", ownOrganisationId, users.applicant.id);
  campaignId = (
    await createCampaign(db, admin, { title: "Phát tờ rơi", channel: "leaflet", heldOn: "2026-10-01" }, null)
  ).id;
  reportDraftId = (
    await createDraft(
      db,
      admin,
      {
        from: "2021",
        to: "2026",
        period: { from: "2021-01-01", to: "2026-12-31" },
        modules: ["competition", "sme", "connections"],
        issuedOn: "2026-11-23",
        signerTitle: "GIÁM ĐỐC",
        referenceNumber: undefined,
        signerName: undefined,
      },
      null,
    )
  ).id;
  incubationRecordId = newId();
  await db
    .insertInto("incubation_records")
    .values({
      id: incubationRecordId,
      organisation_id: ownOrganisationId,
      incubator_id: incubatorId,
      source_award_id: null,
      started_on: "2025-01-01",
      planned_end_on: "2027-01-01",
      status: "incubating",
      status_reason: null,
      report_period_months: 3,
      enterprise_tax_code: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
});

const EDITION_INPUT = {
  name: "Cuộc thi Khởi nghiệp ĐMST tỉnh Quảng Ngãi năm 2026",
  number: 5,
  year: 2026,
  registrationOpensAt: "2026-06-01T01:00:00.000Z",
  submissionDeadline: "2026-09-30T10:00:00.000Z",
  maxEnterpriseAgeYears: 5,
  minRepresentativeAge: 18,
  receiptPrefix: "KN2026",
};

/** What a role gets from a GET: the page (200), the login page, a 403, or (sign-in pages) a redirect to their home. */
type Expectation = "ok" | "login" | "forbidden" | "home";
type Expectations = Record<Role, Expectation>;
type Body = Record<string, string> | FormData;
/** One POST: the intent it fires (the route's `intents` key, or a name for an action with one form), its body, who may. */
type Post = { intent: string; label?: string; body: () => Body; allowed: readonly Role[] };
/** One case of a route: its URL parameters and query, what GET gives each role, and each POST intent. */
type Case = {
  label?: string;
  params?: () => Record<string, string>;
  query?: () => string;
  get?: Expectations;
  post?: Post[];
};
/** A route whose role-by-role checks live in another test file (ownership, conflicts, publication…): where, and why. */
type Elsewhere = { coveredIn: string; why: string };
type Entry = Case | Case[] | Elsewhere;

function only(...allowed: UserRole[]): Expectations {
  return Object.fromEntries(
    ROLES.map((role) => [role, role === "anonymous" ? "login" : allowed.includes(role) ? "ok" : "forbidden"]),
  ) as Expectations;
}
const everyUser = only("applicant", "judge", "staff", "leader", "incubator_manager", "admin");
const staffRoles = only("staff", "leader", "admin");
const adminOnly = only("admin");
const anyone = Object.fromEntries(ROLES.map((role) => [role, "ok"])) as Expectations;
const signedOutOnly = Object.fromEntries(
  ROLES.map((role) => [role, role === "anonymous" ? "ok" : "home"]),
) as Expectations;

const SIGNED_IN: readonly Role[] = ["applicant", "judge", "staff", "leader", "incubator_manager", "admin"];
const DEPARTMENT: readonly Role[] = ["staff", "leader", "admin"];
const WRITERS: readonly Role[] = ["staff", "admin"];
const LEADER: readonly Role[] = ["leader"];
const APPLICANT: readonly Role[] = ["applicant"];
const INCUBATION_KEEPERS: readonly Role[] = ["staff", "admin", "incubator_manager"];

/** A POST of an intent: the form carries `intent` and the fields. */
const fire = (
  intent: string,
  fields: () => Record<string, string>,
  allowed: readonly Role[],
  label?: string,
): Post => ({ intent, label, body: () => ({ intent, ...fields() }), allowed });
/** A POST of a form without an intent field (the action has one form, or the intent is in another field). */
const send = (
  intent: string,
  fields: () => Record<string, string>,
  allowed: readonly Role[],
  label?: string,
): Post => ({ intent, label, body: fields, allowed });
/** A multipart POST (an upload form), with a tiny PDF under `fileField`. */
const upload = (
  intent: string,
  fileField: string,
  allowed: readonly Role[],
  fields: Record<string, string> = {},
): Post => ({
  intent,
  allowed,
  body: () => {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.set(key, value);
    form.set(fileField, new File([TINY_PDF], "tep.pdf", { type: "application/pdf" }));
    return form;
  },
});
const NONE = "khong-co";
const ownOrg = () => ({ id: ownOrganisationId });
const otherOrg = () => ({ id: otherOrganisationId });
const edition = () => ({ id: editionId });
const round = () => ({ id: editionId, roundId });
const entry = () => ({ id: editionId, entryId });
const record = () => ({ id: incubationRecordId });

/** Route file → what each role gets. One line (or one block) per route. */
const matrix: Record<string, Entry> = {
  // Public pages and sign-in (their POSTs are checked with real credentials in auth.test.ts).
  "_index.tsx": { get: anyone },
  "competitions._index.tsx": { get: anyone },
  "competitions.$id.tsx": { params: edition, get: anyone, post: [send("start", () => ({}), APPLICANT)] },
  "statistics.tsx": { get: anyone },
  "healthz.tsx": { get: anyone },
  "readyz.tsx": { get: anyone },
  "test-only.crash.tsx": {
    coveredIn: "request-context.test.ts",
    why: "a 404 for everyone unless a test server runs with NODE_ENV=test and PORTAL_TEST_ROUTES=1",
  },
  "login_.two-factor.tsx": {
    coveredIn: "two-factor.test.ts",
    why: "it answers only to a visitor holding a login challenge; anyone else goes to the login form",
  },
  "verify._index.tsx": { get: anyone },
  "verify.$code.tsx": { coveredIn: "the public pages below", why: "an unknown code is a 404 for everyone" },
  "login.tsx": { get: signedOutOnly, post: [] },
  "register.tsx": { get: signedOutOnly, post: [] },
  "reset-password.tsx": { query: () => "?token=khong-hop-le-0123", get: anyone, post: [] },
  "forgot-password.tsx": { post: [] },
  "logout.tsx": {
    coveredIn: "the public pages below and auth.test.ts",
    why: "it only changes state by POST, for anyone",
  },
  "set-language.tsx": { coveredIn: "the public pages below", why: "anyone may switch the language" },
  "certificates.$awardId[.]pdf.tsx": {
    coveredIn: "prizes.test.ts",
    why: "winners' members and staff, only after publication",
  },
  "judging.$assignmentId.tsx": {
    coveredIn: "judging-judge.test.ts",
    why: "ownership, conflicts of interest and blind rounds",
  },
  "judging.$assignmentId_.deliberation.tsx": {
    coveredIn: "deliberation.test.ts",
    why: "the judge's own assignment only, deliberation on, their sheet submitted, never with a conflict",
  },

  "home.tsx": { get: everyUser },
  "account_.two-factor.tsx": {
    get: everyUser,
    post: [fire("start", () => ({}), SIGNED_IN, "start two-factor enrolment")],
  },
  "account.tsx": {
    get: everyUser,
    post: [
      fire("profile", () => ({ fullName: "Người dùng thử" }), SIGNED_IN),
      fire(
        "password",
        () => ({
          currentPassword: "sai-mat-khau",
          password: "Mat-khau-moi-2026",
          confirmPassword: "Mat-khau-moi-2026",
        }),
        SIGNED_IN,
      ),
      fire("request", () => ({ kind: "correction", details: "Sửa số điện thoại" }), SIGNED_IN),
    ],
  },
  "account_.requests.$id.export.tsx": {
    coveredIn: "privacy-requests.test.ts",
    why: "the requester's own file or the department's, and only once the access request is done",
  },
  "staff.privacy.requests._index.tsx": { get: staffRoles },
  "staff.privacy.requests.$id.tsx": {
    coveredIn: "privacy-requests.test.ts",
    why: "needs a request filed by a person; leaders read (200), staff and admins handle, others 403",
  },
  "files.$id.tsx": [
    { label: "own", params: () => ({ id: ownFileId }), get: only("applicant", "staff", "leader", "admin") },
    { label: "other", params: () => ({ id: otherFileId }), get: staffRoles },
    {
      label: "entry document",
      params: () => ({ id: entryFileId }),
      get: only("applicant", "staff", "leader", "admin"),
    },
  ],

  "organisations._index.tsx": { get: staffRoles },
  "organisations.export.tsx": { query: () => "?format=csv", get: staffRoles },
  "organisations.new.tsx": {
    get: only("staff", "admin"),
    post: [send("create", () => ({ name: "Tổ chức mới", kind: "enterprise" }), WRITERS)],
  },
  "organisations.$id._index.tsx": [
    { label: "the applicant's own", params: ownOrg, get: only("applicant", "staff", "leader", "admin") },
    { label: "another's", params: otherOrg, get: staffRoles, post: [upload("document", "document", WRITERS)] },
  ],
  "organisations.$id.edit.tsx": [
    { label: "the applicant's own", params: ownOrg, get: only("applicant", "staff", "admin") },
    {
      label: "another's",
      params: otherOrg,
      get: only("staff", "admin"),
      post: [
        send(
          "save",
          () => ({ name: "Công ty khác", kind: "enterprise", version: "1" }),
          WRITERS,
          "edit another's organisation",
        ),
      ],
    },
  ],
  "organisations.duplicates.tsx": {
    get: only("staff", "admin"),
    post: [send("merge", () => ({ keepId: NONE, mergeId: otherOrganisationId, reason: "Trùng" }), WRITERS)],
  },

  "staff.competitions._index.tsx": { get: staffRoles },
  "staff.competitions.export.tsx": { query: () => "?format=csv", get: staffRoles },
  "staff.competitions.new.tsx": {
    get: staffRoles,
    post: [
      send(
        "create",
        () => ({
          name: "Kỳ thi mới",
          number: "6",
          year: "2027",
          registrationOpensAt: "2027-06-01T08:00",
          submissionDeadline: "2027-09-30T17:00",
          maxEnterpriseAgeYears: "5",
          minRepresentativeAge: "18",
          receiptPrefix: "KN2027",
        }),
        WRITERS,
      ),
    ],
  },
  "staff.competitions.$id._index.tsx": {
    params: edition,
    get: staffRoles,
    post: [
      fire(
        "update",
        () => ({
          name: "Cuộc thi Khởi nghiệp ĐMST tỉnh Quảng Ngãi năm 2026",
          number: "5",
          year: "2026",
          registrationOpensAt: "2026-06-01T08:00",
          submissionDeadline: "2026-09-30T17:00",
          maxEnterpriseAgeYears: "5",
          minRepresentativeAge: "18",
          receiptPrefix: "KN2026",
        }),
        WRITERS,
      ),
      fire("unpublish", () => ({}), WRITERS),
      fire("publish", () => ({}), WRITERS),
      fire("copy", () => ({}), WRITERS),
      fire("add-category", () => ({ name: "Bảng nông nghiệp", kind: "track" }), WRITERS),
      fire("add-requirement", () => ({ label: "Giấy phép", required: "1" }), WRITERS),
      fire("set-requirement-proof", () => ({ itemId: NONE, provesRule: "residency" }), WRITERS),
      fire("add-prize", () => ({ rankLabel: "Giải đặc biệt", count: "1", amountVnd: "1000000" }), WRITERS),
      fire("add-round", () => ({ name: "Vòng bán kết", kind: "preliminary" }), WRITERS),
      fire("add-criterion", () => ({ roundId, name: "Tính khả thi", weight: "1", maxScore: "10" }), WRITERS),
      fire("remove-category", () => ({ itemId: NONE }), WRITERS),
      fire("remove-requirement", () => ({ itemId: NONE }), WRITERS),
      fire("remove-prize", () => ({ itemId: NONE }), WRITERS),
      fire("remove-round", () => ({ itemId: NONE }), WRITERS),
      fire("remove-criterion", () => ({ itemId: NONE }), WRITERS),
    ],
  },
  "staff.competitions.$id.entries._index.tsx": {
    params: edition,
    get: staffRoles,
    post: [fire("bulk-screen", () => ({ event: "mark_valid", entryIds: entryId }), WRITERS)],
  },
  "staff.competitions.$id.entries.export.tsx": { params: edition, query: () => "?format=xlsx", get: staffRoles },
  "staff.competitions.$id.entries.$entryId.tsx": {
    params: entry,
    get: staffRoles,
    post: [
      send("decide", () => ({ event: "mark_valid" }), WRITERS),
      fire("check-proof", () => ({ rule: "enterprise_age", attachmentId: NONE }), WRITERS),
    ],
  },
  "staff.competitions.$id.entries.$entryId.documents[.]zip.tsx": { params: entry, get: staffRoles },
  "staff.competitions.$id.entries.$entryId.entry[.]pdf.tsx": { params: entry, get: staffRoles },
  "staff.competitions.$id.rounds.$roundId._index.tsx": {
    params: round,
    get: staffRoles,
    post: [
      fire("settings", () => ({ aggregation: "mean", blind: "0" }), WRITERS),
      fire("add-judge", () => ({ judgeId: users.judge.id }), WRITERS),
      fire("drop-judge", () => ({ judgeId: NONE }), WRITERS),
      fire("propose-conflicts", () => ({}), WRITERS),
      fire("decide-conflict", () => ({ conflictId: NONE, decision: "confirm" }), WRITERS),
      fire("start", () => ({}), WRITERS),
      fire("assign", () => ({ k: "1" }), WRITERS),
      fire("assign-judge", () => ({ entryId: NONE, judgeId: NONE, reason: "Giao thay" }), WRITERS),
      fire("unassign-judge", () => ({ assignmentId: NONE, reason: "Rút thay" }), WRITERS),
      fire("reopen", () => ({ sheetId: NONE, reason: "Chấm lại" }), WRITERS),
    ],
  },
  "staff.competitions.$id.rounds.$roundId.ranking.tsx": {
    params: round,
    get: staffRoles,
    post: [
      fire("close", () => ({}), WRITERS),
      fire(
        "resolve-tie",
        () => ({ tie: "x", order: "a", reason: "Biên bản họp" }),
        ["staff", "leader"],
        "record the committee's decision on a tie",
      ),
    ],
  },
  "staff.competitions.$id.rounds.$roundId.entries.$entryId.tsx": {
    params: () => ({ id: editionId, roundId, entryId }),
    get: staffRoles,
    post: [
      fire("note", () => ({ body: "Ý kiến thảo luận" }), WRITERS),
      fire("consensus", () => ({ decision: "advance", reason: "Biên bản họp hội đồng" }), WRITERS),
    ],
  },
  "staff.competitions.$id.rounds.$roundId.minutes[.]xlsx.tsx": { params: round, get: staffRoles },
  "staff.competitions.$id.prizes_.export.tsx": { params: edition, query: () => "?format=xlsx", get: staffRoles },
  "staff.competitions.$id.prizes.tsx": {
    params: edition,
    get: staffRoles,
    post: [
      fire("propose", () => ({}), WRITERS),
      fire("change", () => ({ awardId: NONE, entryId, reason: "Đổi giải" }), WRITERS),
      fire("swap", () => ({ firstAwardId: NONE, secondAwardId: "khac", reason: "Đổi chỗ" }), WRITERS),
      fire("unaward", () => ({ awardId: NONE, reason: "Không trao" }), WRITERS),
      fire("fill", () => ({ prizeId: NONE, entryId, reason: "Trao bổ sung" }), WRITERS),
      fire(
        "resolve-tie",
        () => ({ tie: "x", order: "a", reason: "Biên bản họp" }),
        ["staff", "leader"],
        "record the committee's decision on a tie",
      ),
      fire("approve", () => ({}), LEADER),
      fire("publish", () => ({}), LEADER),
    ],
  },

  "judging.rounds.$roundId.conflicts.tsx": {
    coveredIn: "conflict-proposals.test.ts",
    why: "only judges on that round's panel, and only in a blind round",
  },
  "staff.judges.$judgeId.tsx": {
    params: () => ({ judgeId: users.judge.id }),
    get: staffRoles,
    post: [
      fire("link", () => ({ organisationId: NONE }), WRITERS),
      fire("unlink", () => ({ organisationId: NONE, reason: "Không còn làm việc" }), WRITERS),
    ],
  },
  "judging._index.tsx": {
    get: only("judge"),
    post: [
      send("declare", () => ({ organisationId: otherOrganisationId, reason: "Người thân làm việc tại đây" }), [
        "judge",
      ]),
    ],
  },
  "my.entries._index.tsx": { get: only("applicant") },
  "my.entries.$id.tsx": {
    params: () => ({ id: entryId }),
    get: only("applicant"),
    post: [
      fire("save", () => ({ projectName: "Dự án kiểm thử" }), APPLICANT),
      fire("submit", () => ({ projectName: "Dự án kiểm thử" }), APPLICANT),
      fire("remove-document", () => ({ attachmentId: NONE }), APPLICANT),
      upload("upload", "document", APPLICANT, { requirementId: NONE }),
      fire("withdraw", () => ({}), APPLICANT),
    ],
  },

  "staff.incubation._index.tsx": {
    get: only("staff", "leader", "admin", "incubator_manager"),
    post: [fire("remind", () => ({}), WRITERS)],
  },
  "staff.incubation.export.tsx": {
    query: () => "?format=csv",
    get: only("staff", "leader", "admin", "incubator_manager"),
  },
  "staff.incubation.new.tsx": {
    get: only("staff", "admin", "incubator_manager"),
    post: [
      send(
        "open",
        () => ({
          organisationId: otherOrganisationId,
          incubatorId,
          startedOn: "2026-01-01",
          plannedEndOn: "2027-01-01",
          reportPeriodMonths: "3",
        }),
        INCUBATION_KEEPERS,
      ),
    ],
  },
  "staff.incubation.$id.tsx": {
    label: "a record of the manager's incubator",
    params: record,
    get: only("staff", "leader", "admin", "incubator_manager"),
    post: [
      fire("status", () => ({ event: "pause", reason: "Tạm dừng" }), INCUBATION_KEEPERS),
      fire("mentor", () => ({ mentorId: NONE }), INCUBATION_KEEPERS),
      fire(
        "service",
        () => ({ kind: "consulting", providedOn: "2025-02-01", valueVnd: "1000000" }),
        INCUBATION_KEEPERS,
      ),
      fire("milestone", () => ({ title: "Ra mắt sản phẩm", dueOn: "2026-06-01" }), INCUBATION_KEEPERS),
      fire("milestoneDone", () => ({ milestoneId: NONE, doneOn: "2025-02-01" }), INCUBATION_KEEPERS),
      fire("comment", () => ({ reportId: NONE, comment: "Nhận xét" }), INCUBATION_KEEPERS),
    ],
  },
  "my.incubation._index.tsx": { get: only("applicant") },
  "my.incubation.$id.tsx": {
    label: "the applicant's own startup",
    params: record,
    get: only("applicant"),
    post: [
      send(
        "report",
        () => ({
          periodStart: "2025-01-01",
          revenueVnd: "0",
          employees: "3",
          customers: "10",
          capitalRaisedVnd: "0",
          ipApplications: "0",
          productsLaunched: "1",
          narrative: "Tiến độ",
        }),
        APPLICANT,
      ),
    ],
  },
  "staff.incubators._index.tsx": { get: only("staff", "leader", "admin", "incubator_manager") },
  "staff.incubators.export.tsx": {
    query: () => "?format=csv",
    get: only("staff", "leader", "admin", "incubator_manager"),
  },
  "staff.incubators.$id.tsx": {
    label: "the manager's incubator",
    params: () => ({ id: incubatorId }),
    get: only("staff", "leader", "admin", "incubator_manager"),
    post: [send("profile", () => ({ capacity: "4" }), INCUBATION_KEEPERS)],
  },

  "sme._index.tsx": { get: only("applicant") },
  "sme.profile.tsx": {
    label: "own enterprise",
    query: () => `?organisation=${ownOrganisationId}`,
    get: only("applicant"),
    post: [send("declare", () => ({ organisationId: ownOrganisationId }), APPLICANT)],
  },
  "sme.profile_.print.tsx": {
    label: "own enterprise",
    query: () => `?organisation=${ownOrganisationId}`,
    get: only("applicant", "staff", "leader", "admin"),
  },
  "sme.dossiers.new.tsx": {
    get: only("applicant"),
    post: [send("create", () => ({ organisationId: ownOrganisationId }), APPLICANT)],
  },
  "sme.dossiers.$id.tsx": {
    label: "own",
    params: () => ({ id: dossierId }),
    get: only("applicant"),
    post: [
      fire("save", () => ({ content: "Tư vấn" }), APPLICANT),
      upload("upload", "document", APPLICANT, { documentId: NONE }),
      fire(
        "transition",
        () => ({ event: "withdraw", reason: "Không còn nhu cầu" }),
        APPLICANT,
        "withdraw an SME dossier",
      ),
    ],
  },
  "staff.sme._index.tsx": { get: staffRoles },
  "staff.sme.export.tsx": { query: () => "?format=csv", get: staffRoles },
  "staff.sme.$id.tsx": {
    params: () => ({ id: dossierId }),
    get: staffRoles,
    post: [send("transition", () => ({ event: "receive" }), WRITERS, "receive an SME dossier")],
  },
  "staff.sme.$id_.print.tsx": { params: () => ({ id: dossierId }), get: staffRoles },
  "staff.sme.programme_.export.tsx": { query: () => `?format=csv&programme=${programmeId}`, get: staffRoles },
  "staff.sme.programme.tsx": {
    get: staffRoles,
    post: [
      fire(
        "status",
        () => ({ programmeId, status: "paused", reason: "Chờ hướng dẫn", sourceDocument: "Công văn 1/SKHCN" }),
        DEPARTMENT,
        "propose pausing the SME programme",
      ),
      fire("durations", () => ({ programmeId, receiptDays: "3", checkDays: "5", decisionDays: "14" }), DEPARTMENT),
      fire("budget", () => ({ programmeId, year: "2031", amountVnd: "1000000" }), DEPARTMENT),
      fire(
        "rule",
        () => ({
          programmeId,
          supportTypeId: NONE,
          size: "micro",
          ratePercent: "50",
          capVnd: "1000000",
          capPeriod: "year",
          source: "Nghị định 80/2021",
          sourceDocument: "Nghị định 80/2021/NĐ-CP",
        }),
        DEPARTMENT,
        "propose a rate",
      ),
    ],
  },
  "staff.holidays.tsx": {
    get: staffRoles,
    post: [
      fire(
        "add",
        () => ({ day: "2031-01-01", name: "Tết Dương lịch", sourceDocument: "Bộ luật Lao động 2019" }),
        DEPARTMENT,
        "propose a day off",
      ),
      fire("remove", () => ({ day: "2031-01-01", sourceDocument: "Bộ luật Lao động 2019" }), DEPARTMENT),
    ],
  },
  "staff.settings-proposals.tsx": {
    get: staffRoles,
    post: [
      fire("approve", () => ({ proposalId: NONE }), LEADER),
      fire("reject", () => ({ proposalId: NONE, reason: "Sai căn cứ" }), LEADER),
      fire("withdraw", () => ({ proposalId: NONE }), DEPARTMENT),
    ],
  },
  "staff.settings-proposals_.export.tsx": { query: () => "?format=xlsx&status=rejected", get: staffRoles },

  "staff.holidays_.export.tsx": { query: () => "?format=csv", get: staffRoles },

  "staff.events._index.tsx": { get: staffRoles },
  "staff.events.export.tsx": { query: () => "?format=xlsx", get: staffRoles },
  "staff.events.new.tsx": {
    get: only("staff", "admin"),
    post: [
      send(
        "create",
        () => ({
          kind: "workshop",
          title: "Hội thảo mới",
          startsOn: "2024-01-10",
          endsOn: "2024-01-10",
          organiserId: ownOrganisationId,
        }),
        WRITERS,
        "record a connection event",
      ),
    ],
  },
  "staff.events.$id_.export.tsx": {
    params: () => ({ id: connectionEventId }),
    query: () => "?format=csv",
    get: staffRoles,
  },
  "staff.events.$id.tsx": {
    params: () => ({ id: connectionEventId }),
    get: staffRoles,
    post: [
      fire("participant", () => ({ personName: `Người tham dự ${newId().slice(0, 6)}` }), WRITERS),
      fire("remove", () => ({ participantId: NONE }), WRITERS),
      fire(
        "update",
        () => ({
          kind: "workshop",
          title: "Hội thảo kết nối",
          startsOn: "2023-09-28",
          endsOn: "2023-09-28",
          organiserId: ownOrganisationId,
        }),
        WRITERS,
      ),
      upload("file", "document", WRITERS, { purpose: "material" }),
    ],
  },
  "staff.events.$id_.import.tsx": {
    params: () => ({ id: connectionEventId }),
    get: only("staff", "admin"),
    post: [
      send("confirm", () => ({ batchId: NONE }), WRITERS, "confirm an attendee import"),
      upload("preview", "file", WRITERS),
    ],
  },
  "staff.mous._index.tsx": { query: () => "?due=1", get: staffRoles },
  "staff.mous.export.tsx": { query: () => "?format=csv", get: staffRoles },
  "staff.mous.new.tsx": {
    query: () => `?event=${connectionEventId}`,
    get: only("staff", "admin"),
    post: [
      send(
        "create",
        () => ({ partyIds: ownOrganisationId, fields: "trade_promotion", signedOn: "2023-01-01", title: "MOU" }),
        WRITERS,
        "record an MOU",
      ),
    ],
  },
  "staff.mous.$id.tsx": {
    params: () => ({ id: mouId }),
    get: staffRoles,
    post: [
      send("followUp", () => ({ status: "in_progress", notedOn: "2024-01-10", note: "Đang triển khai" }), WRITERS),
      upload("scan", "scan", WRITERS),
    ],
  },
  "staff.mous.import.tsx": {
    get: only("staff", "admin"),
    post: [
      send("confirm", () => ({ batchId: NONE }), WRITERS, "confirm an MOU import"),
      upload("preview", "file", WRITERS),
    ],
  },

  "staff.technology._index.tsx": { query: () => "?stage=contacted&q=c", get: staffRoles },
  "staff.technology_.export.tsx": { query: () => "?stage=consulted&format=csv", get: staffRoles },
  "staff.technology.applications._index.tsx": { get: staffRoles },
  "staff.technology.applications.export.tsx": { query: () => "?format=xlsx", get: staffRoles },
  "staff.technology.applications.$id.tsx": [
    {
      label: "received",
      params: () => ({ id: techReceivedId }),
      post: [send("transition", () => ({ event: "mark_complete" }), WRITERS, "mark a technology application complete")],
    },
    {
      label: "reviewed",
      params: () => ({ id: techReviewedId }),
      get: staffRoles,
      post: [
        send("transition", () => ({ event: "approve", reason: "Đồng ý" }), LEADER, "approve"),
        send("transition", () => ({ event: "reject", reason: "Không đủ điều kiện" }), LEADER, "reject"),
      ],
    },
    {
      label: "approved",
      params: () => ({ id: techApprovedId }),
      post: [
        fire("revoke", () => ({ reason: "Dự án dừng" }), LEADER, "revoke a participation certificate"),
        fire("progress", () => ({ status: "on_track", note: "Đúng tiến độ" }), DEPARTMENT),
      ],
    },
  ],
  "staff.technology.enterprises.$id.tsx": {
    params: ownOrg,
    get: staffRoles,
    post: [
      send(
        "consultation",
        () => ({ kind: "field_visit", heldOn: "2026-10-02", staffNames: "A", findings: "B", advice: "C" }),
        DEPARTMENT,
      ),
    ],
  },
  "staff.technology.outreach._index.tsx": {
    get: staffRoles,
    post: [send("create", () => ({ title: "Băng rôn", channel: "banner", heldOn: "2026-10-01" }), DEPARTMENT)],
  },
  "staff.technology.outreach.export.tsx": { query: () => "?format=xlsx&channel=leaflet", get: staffRoles },
  "staff.technology.outreach.$id.tsx": {
    params: () => ({ id: campaignId }),
    get: staffRoles,
    post: [send("add", () => ({ taxCode: "0000000000" }), DEPARTMENT), upload("import", "file", DEPARTMENT)],
  },
  "staff.technology.outreach.$id_.export.tsx": {
    params: () => ({ id: campaignId }),
    query: () => "?format=csv",
    get: staffRoles,
  },
  "staff.technology.assessments._index.tsx": {
    get: staffRoles,
    post: [
      fire(
        "band",
        () => ({ code: "advanced", minTotal: "80", minCoefficient: "0.7", source: "Thông tư 17/2019" }),
        DEPARTMENT,
      ),
      fire("formula", () => ({ expression: "(T + E + O + R + I) / 5", source: "Thông tư 17/2019" }), DEPARTMENT),
    ],
  },
  "staff.technology.assessments.export.tsx": { query: () => "?format=csv", get: staffRoles },
  "staff.technology.settings.tsx": {
    get: staffRoles,
    post: [send("certificateFormat", () => ({ format: "{số}/{năm}/GXN-SKHCN" }), DEPARTMENT)],
  },
  "staff.technology.assessments.new.tsx": {
    query: () => `?organisation=${ownOrganisationId}`,
    get: staffRoles,
    post: [
      send("record", () => ({ organisationId: ownOrganisationId, year: "2026", assessedOn: "2026-10-01" }), DEPARTMENT),
    ],
  },
  "technology._index.tsx": { get: only("applicant") },
  "technology.applications.new.tsx": {
    get: only("applicant"),
    post: [
      send(
        "apply",
        () => ({
          organisationId: ownOrganisationId,
          kind: "renovation",
          technology: "Máy",
          origin: "VN",
          supplier: "A",
          equipment: "B",
          totalInvestmentVnd: "100",
          ownFundsVnd: "50",
          requestedSupportVnd: "50",
          startsOn: "2026-12-01",
          endsOn: "2027-01-01",
          expectedGains: "C",
        }),
        APPLICANT,
      ),
    ],
  },
  "technology.applications.$id.tsx": [
    { label: "own, reviewed", params: () => ({ id: techReviewedId }), get: only("applicant") },
    {
      label: "own draft",
      params: () => ({ id: techDraftId }),
      post: [
        fire("save", () => ({ technology: "Máy sấy" }), APPLICANT),
        upload("upload", "document", APPLICANT, { requirementId: NONE }),
        fire("progress", () => ({ status: "on_track", note: "Đúng tiến độ" }), APPLICANT),
        fire("transition", () => ({ event: "submit" }), APPLICANT, "submit a technology application"),
      ],
    },
  ],
  "technology.applications.$id_.certificate[.]pdf.tsx": {
    label: "own",
    params: () => ({ id: techApprovedId }),
    get: only("applicant", "staff", "leader", "admin"),
  },

  "admin.users._index.tsx": { get: adminOnly },
  "admin.users.export.tsx": { query: () => "?format=xlsx", get: adminOnly },
  "admin.users.new.tsx": {
    get: adminOnly,
    post: [
      send(
        "create",
        () => ({ fullName: "Giám khảo mới", email: `gk-${newId().slice(0, 6)}@example.vn`, role: "judge" }),
        ["admin"],
        "create staff account",
      ),
    ],
  },
  "admin.users.$id.tsx": [
    {
      params: () => ({ id: users.judge.id }),
      get: adminOnly,
      post: [send("update", () => ({ role: "judge", status: "active" }), ["admin"], "change a user's role")],
    },
    {
      label: "an enrolled leader",
      params: () => ({ id: twoFactorResetTargetId }),
      get: adminOnly,
      post: [
        fire("reset-two-factor", () => ({ reason: "Mất điện thoại" }), ["admin"], "reset a user's two-factor sign-in"),
      ],
    },
  ],
  "admin.sessions.tsx": {
    get: adminOnly,
    post: [send("revoke", () => ({ sessionId: "does-not-exist" }), ["admin"], "revoke a session")],
  },
  "admin.sessions_.export.tsx": { query: () => "?format=csv", get: adminOnly },
  "admin.outbox._index.tsx": { get: adminOnly },
  "admin.outbox.export.tsx": { query: () => "?format=xlsx", get: adminOnly },
  "admin.outbox.$id.tsx": { params: () => ({ id: outboxId }), get: adminOnly },
  "admin.audit.tsx": { get: adminOnly },
  "admin.audit.export.tsx": { query: () => "?format=csv", get: adminOnly },
  "admin.privacy.access._index.tsx": { query: () => "?kind=view&from=2026-01-01", get: adminOnly },
  "admin.privacy.access.export.tsx": { query: () => "?format=csv", get: adminOnly },
  "admin.privacy.retention.tsx": {
    get: adminOnly,
    post: [
      fire(
        "save",
        () => ({
          unsuccessful_entry_contacts: "24",
          event_participant_contacts: "12",
          closed_sme_dossier_contacts: "60",
          data_subject_request_files: "36",
        }),
        ["admin"],
      ),
      fire("run", () => ({}), ["admin"], "anonymise expired personal data now"),
    ],
  },

  "staff.reports._index.tsx": { query: () => "?from=2021&to=2026", get: staffRoles },
  "staff.reports.figures.$key.tsx": {
    params: () => ({ key: "entries" }),
    query: () => "?from=2021&to=2026",
    get: staffRoles,
  },
  "staff.reports.figures.$key_.export.tsx": {
    params: () => ({ key: "mous" }),
    query: () => "?from=2021&format=xlsx",
    get: staffRoles,
  },
  "staff.reports.annex[.]xlsx.tsx": { query: () => "?from=2021&to=2026", get: staffRoles },
  "staff.reports.drafts_.export.tsx": { query: () => "?q=2024&format=xlsx", get: staffRoles },
  "staff.reports.drafts._index.tsx": {
    get: staffRoles,
    post: [
      send(
        "draft",
        () => ({ from: "2021", to: "2025", modules: "connections", issuedOn: "2026-11-23", signerTitle: "GIÁM ĐỐC" }),
        DEPARTMENT,
        "draft a report",
      ),
    ],
  },
  "staff.reports.drafts.$id.tsx": {
    params: () => ({ id: reportDraftId }),
    get: staffRoles,
    post: [
      fire("save", () => ({ signerTitle: "GIÁM ĐỐC" }), DEPARTMENT),
      fire("redraft", () => ({}), DEPARTMENT, "redraft a report"),
      fire("delete", () => ({}), DEPARTMENT, "delete a report draft"),
    ],
  },
  "staff.reports.drafts.$id_.bao-cao[.]docx.tsx": { params: () => ({ id: reportDraftId }), get: staffRoles },
  "staff.reports.drafts.$id_.phu-luc[.]xlsx.tsx": { params: () => ({ id: reportDraftId }), get: staffRoles },
};

const ROUTES_DIR = path.resolve(__dirname, "../../app/routes");
type RouteModule = { loader?: unknown; action?: unknown; intents?: Record<string, unknown> };
const routeFiles = fs
  .readdirSync(ROUTES_DIR)
  .filter((file) => /\.tsx?$/.test(file))
  .sort();
// Imported while the file is collected: loading every route module takes longer than a hook may.
const modules = new Map<string, RouteModule>(
  await Promise.all(
    routeFiles.map(async (file) => [file, (await import(path.join(ROUTES_DIR, file))) as RouteModule] as const),
  ),
);

/** The URL of a flat route file: dots are slashes, `[.]` a dot, `$name` a parameter, `_index` and trailing `_` nothing. */
function urlOf(file: string, params: Record<string, string>): string {
  const segments = file
    .replace(/\.tsx?$/, "")
    .split(/(?<!\[)\.(?!\])/)
    .map((segment) => segment.replace(/\[\.\]/g, ".").replace(/_$/, ""))
    .filter((segment) => segment !== "_index" && segment !== "" && !segment.startsWith("_"));
  return (
    "/" +
    segments.map((segment) => segment.replace(/\$(\w+)/g, (_all, name: string) => params[name] ?? `:${name}`)).join("/")
  );
}

const isElsewhere = (entry: Entry): entry is Elsewhere => "coveredIn" in entry;
const casesOf = (entry: Entry): Case[] => (isElsewhere(entry) ? [] : Array.isArray(entry) ? entry : [entry]);
const nameOf = (file: string, c: Case) => (c.label ? `${file} (${c.label})` : file);

describe("the matrix covers every route", () => {
  it.each(routeFiles)("%s", (file) => {
    const module = modules.get(file)!;
    if (!module.loader && !module.action) return;
    const entry = matrix[file];
    expect(
      entry,
      `${file} exports a loader or an action: add its line to the matrix in authorization.test.ts`,
    ).toBeDefined();
    if (isElsewhere(entry)) return;
    const cases = casesOf(entry);
    if (module.loader)
      expect(
        cases.some((c) => c.get),
        `${file}: its loader has no GET expectations in the matrix`,
      ).toBe(true);
    if (module.action)
      expect(
        cases.some((c) => c.post),
        `${file}: its action has no POST entry in the matrix`,
      ).toBe(true);
    const covered = new Set(cases.flatMap((c) => c.post ?? []).map((p) => p.intent));
    for (const intent of Object.keys(module.intents ?? {}))
      expect(covered.has(intent), `${file}: intent "${intent}" has no POST entry in the matrix`).toBe(true);
  });
  it("names only route files that exist", () => {
    expect(Object.keys(matrix).filter((file) => !routeFiles.includes(file))).toEqual([]);
  });
});

const getCases = Object.entries(matrix).flatMap(([file, entry]) =>
  casesOf(entry)
    .filter((c) => c.get)
    .map((c) => ({ name: nameOf(file, c), file, c })),
);

describe.each(getCases)("GET $name", ({ file, c }) => {
  it.each(ROLES)("as %s", async (role) => {
    const params = c.params?.() ?? {};
    const cookie = role === "anonymous" ? undefined : users[role].cookie;
    const loader = modules.get(file)!.loader as Parameters<typeof call>[0];
    const result = await call(loader, makeRequest(urlOf(file, params) + (c.query?.() ?? ""), { cookie }), params);
    const expected = c.get![role];
    if (expected === "ok") {
      expect(result.status, `${role} should be allowed`).toBe(200);
    } else if (expected === "login") {
      expect(result.status).toBe(302);
      expect(result.location).toMatch(/^\/login\?redirectTo=/);
    } else if (expected === "home") {
      expect(result.status).toBe(302);
      expect(result.location).toBe("/home");
    } else {
      expect(result.status, `${role} should be refused`).toBe(403);
    }
  });
});

async function auditCount(): Promise<number> {
  const row = await getDb()
    .selectFrom("audit_events")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const postCases = Object.entries(matrix).flatMap(([file, entry]) =>
  casesOf(entry).flatMap((c) =>
    (c.post ?? []).map((p) => ({
      name: `${nameOf(file, c)} ${p.intent}${p.label ? ` (${p.label})` : ""}`,
      file,
      c,
      p,
    })),
  ),
);

async function post(file: string, c: Case, p: Post, role: Role) {
  const params = c.params?.() ?? {};
  const cookie = role === "anonymous" ? undefined : users[role].cookie;
  const action = modules.get(file)!.action as Parameters<typeof call>[0];
  return call(action, makeRequest(urlOf(file, params), { cookie, method: "POST", form: p.body() }), params);
}

/**
 * Every intent of every action, as every role. First, with the records as the fixtures made them, whoever may not make
 * the change is refused and nothing is written; then (all refusals done, so that no change by an allowed role can turn
 * a refusal into a "not in this status") every allowed role gets past the role check.
 */
describe.each(postCases)("POST $name", ({ file, c, p }) => {
  it.each(ROLES.filter((role) => !p.allowed.includes(role)))("refuses %s", async (role) => {
    const before = await auditCount();
    const result = await post(file, c, p, role);
    expect(result.status, `${role} should be refused`).toBe(role === "anonymous" ? 302 : 403);
    if (role === "anonymous") expect(result.location).toMatch(/^\/login\?redirectTo=/);
    expect(await auditCount()).toBe(before);
  });
});

describe.each(postCases)("POST $name", ({ file, c, p }) => {
  it.each(p.allowed)("lets %s past the role check", async (role) => {
    const result = await post(file, c, p, role);
    // The form itself may still be refused (400, 404, 409): what matters here is that the role was not.
    expect(result.status, `${role} should pass the role check`).not.toBe(403);
    expect(result.location ?? "").not.toMatch(/^\/login/);
    expect(result.status).toBeLessThan(500);
  });
});

describe("public pages", () => {
  it("a published call page opens for anyone, a draft edition's for nobody", async () => {
    expect((await call(competition.loader, makeRequest(`/competitions/${editionId}`), { id: editionId })).status).toBe(
      200,
    );
    await getDb().updateTable("competition_editions").set({ status: "draft" }).where("id", "=", editionId).execute();
    expect(
      (
        await call(competition.loader, makeRequest(`/competitions/${editionId}`, { cookie: users.staff.cookie }), {
          id: editionId,
        })
      ).status,
    ).toBe(404);
    await getDb()
      .updateTable("competition_editions")
      .set({ status: "published" })
      .where("id", "=", editionId)
      .execute();
  });
  it("the certificate check is public and answers 404 for an unknown code", async () => {
    expect((await call(verify.loader, makeRequest("/verify/KHONGCO123"), { code: "KHONGCO123" })).status).toBe(404);
  });
  it.each(["/login", "/register"])("%s sends a signed-in user to their home", async (path) => {
    const loader = path === "/login" ? login.loader : register.loader;
    const result = await call(loader, makeRequest(path, { cookie: users.judge.cookie }));
    expect(result.status).toBe(302);
    expect(result.location).toBe("/home");
  });
  it("logout and language switch change state only by POST", async () => {
    expect((await call(logout.loader as any, makeRequest("/logout", { cookie: users.staff.cookie }))).location).toBe(
      "/",
    );
    expect((await call(home.loader, makeRequest("/home", { cookie: users.staff.cookie }))).status).toBe(200);
    const switched = await call(
      setLanguage.action,
      makeRequest("/set-language", { form: { locale: "en", redirectTo: "https://evil.example" } }),
    );
    expect(switched.location).toBe("/");
    expect(switched.headers.get("Set-Cookie")).toMatch(/^lang=/);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import type { UserRole } from "../../db/types";
import { getDb } from "../../app/lib/db.server";
import { newId } from "../../app/lib/ids.server";
import * as account from "../../app/routes/account";
import * as adminAudit from "../../app/routes/admin.audit";
import * as adminOutboxMessage from "../../app/routes/admin.outbox.$id";
import * as adminOutbox from "../../app/routes/admin.outbox._index";
import * as adminSessions from "../../app/routes/admin.sessions";
import * as adminUser from "../../app/routes/admin.users.$id";
import * as adminUsers from "../../app/routes/admin.users._index";
import * as adminUsersExport from "../../app/routes/admin.users.export";
import * as adminUsersNew from "../../app/routes/admin.users.new";
import * as files from "../../app/routes/files.$id";
import * as healthz from "../../app/routes/healthz";
import * as home from "../../app/routes/home";
import * as login from "../../app/routes/login";
import * as logout from "../../app/routes/logout";
import * as register from "../../app/routes/register";
import * as reset from "../../app/routes/reset-password";
import * as setLanguage from "../../app/routes/set-language";
import * as organisationEdit from "../../app/routes/organisations.$id.edit";
import * as organisation from "../../app/routes/organisations.$id._index";
import * as organisationsExport from "../../app/routes/organisations.export";
import * as organisations from "../../app/routes/organisations._index";
import * as organisationsNew from "../../app/routes/organisations.new";
import * as staffEdition from "../../app/routes/staff.competitions.$id._index";
import * as staffEntry from "../../app/routes/staff.competitions.$id.entries.$entryId";
import * as staffEntryZip from "../../app/routes/staff.competitions.$id.entries.$entryId.documents[.]zip";
import * as staffEntriesExport from "../../app/routes/staff.competitions.$id.entries.export";
import * as staffEntries from "../../app/routes/staff.competitions.$id.entries._index";
import * as judging from "../../app/routes/judging._index";
import * as staffPrizes from "../../app/routes/staff.competitions.$id.prizes";
import * as staffMinutes from "../../app/routes/staff.competitions.$id.rounds.$roundId.minutes[.]xlsx";
import * as staffRanking from "../../app/routes/staff.competitions.$id.rounds.$roundId.ranking";
import * as staffRound from "../../app/routes/staff.competitions.$id.rounds.$roundId._index";
import * as verify from "../../app/routes/verify.$code";
import * as myEntry from "../../app/routes/my.entries.$id";
import * as myEntries from "../../app/routes/my.entries._index";
import * as myIncubation from "../../app/routes/my.incubation._index";
import * as staffIncubation from "../../app/routes/staff.incubation._index";
import * as staffIncubationExport from "../../app/routes/staff.incubation.export";
import * as staffIncubationNew from "../../app/routes/staff.incubation.new";
import * as staffIncubator from "../../app/routes/staff.incubators.$id";
import * as staffSmeDossier from "../../app/routes/staff.sme.$id";
import * as staffSmePrint from "../../app/routes/staff.sme.$id_.print";
import * as staffSme from "../../app/routes/staff.sme._index";
import * as staffSmeExport from "../../app/routes/staff.sme.export";
import * as staffSmeProgramme from "../../app/routes/staff.sme.programme";
import * as staffHolidays from "../../app/routes/staff.holidays";
import * as smeHome from "../../app/routes/sme._index";
import * as smeProfile from "../../app/routes/sme.profile";
import * as smeProfilePrint from "../../app/routes/sme.profile_.print";
import * as smeNewDossier from "../../app/routes/sme.dossiers.new";
import * as smeDossier from "../../app/routes/sme.dossiers.$id";
import { createDossier, transitionDossier } from "../../app/modules/sme/commands.server";
import { translator } from "../../app/i18n";
import { createProgramme, declareEnterprise } from "../helpers/sme";
import * as staffIncubators from "../../app/routes/staff.incubators._index";
import * as competitions from "../../app/routes/competitions._index";
import * as competition from "../../app/routes/competitions.$id";
import * as staffCompetitions from "../../app/routes/staff.competitions._index";
import * as staffCompetitionsNew from "../../app/routes/staff.competitions.new";
import { createEdition } from "../../app/modules/competition/editions.server";
import { attachPdf, call, createOrganisation, createUser, makeRequest, type TestUser } from "../helpers/fixtures";

type Expectation = "ok" | "login" | "forbidden";
type Role = UserRole | "anonymous";
const ROLES: Role[] = ["anonymous", "applicant", "judge", "staff", "leader", "incubator_manager", "admin"];

const users = {} as Record<UserRole, TestUser>;
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

beforeAll(async () => {
  for (const role of ROLES) if (role !== "anonymous") users[role] = await createUser(role);
  ownOrganisationId = await createOrganisation("Công ty của người nộp", [users.applicant.id]);
  otherOrganisationId = await createOrganisation("Công ty khác", []);
  ownFileId = await attachPdf(ownOrganisationId, users.applicant.id);
  otherFileId = await attachPdf(otherOrganisationId, users.admin.id, "khac.pdf");
  incubatorId = await createOrganisation("Vườn ươm của người quản lý", [users.incubator_manager.id]);
  await getDb().updateTable("organisations").set({ kind: "support_organisation" }).where("id", "=", incubatorId).execute();
  const db = getDb();
  const now = new Date().toISOString();
  outboxId = newId();
  await db.insertInto("outbox_messages").values({ id: outboxId, to_address: "a@b.vn", subject: "Thử", text_body: "Nội dung", status: "kept", error: null, created_at: now, sent_at: null }).execute();
  const admin = { id: users.admin.id, email: users.admin.email, fullName: "x", role: "admin" as const, sessionId: "x" };
  editionId = await createEdition(db, admin, EDITION_INPUT, "127.0.0.1");
  await db.updateTable("competition_editions").set({ status: "published" }).where("id", "=", editionId).execute();
  roundId = (await db.selectFrom("competition_rounds").select("id").where("edition_id", "=", editionId).orderBy("position").executeTakeFirstOrThrow()).id;
  entryId = newId();
  await db
    .insertInto("competition_entries")
    .values({
      id: entryId, edition_id: editionId, organisation_id: ownOrganisationId, created_by: users.applicant.id, category_id: null, status: "submitted", receipt_seq: 1, receipt_number: "KN2026-0001",
      project_name: "Dự án kiểm thử", name_search: "du an kiem thu", sector: null, summary: null, problem: null, solution: null, market: null, business_model: null, team_description: null, stage: null,
      funding_to_date_vnd: null, video_url: null, enterprise_registered_on: null, residence_province: null, consent_at: now, submitted_at: now, decision_reason: null, clarification_fields: null,
      clarification_note: null, clarification_until: null, created_at: now, updated_at: now,
    })
    .execute();
  entryFileId = await attachPdf(ownOrganisationId, users.applicant.id, "ke-hoach.pdf");
  await db.updateTable("attachments").set({ owner_type: "entry", owner_id: entryId, purpose: "other" }).where("id", "=", entryFileId).execute();
  const programme = await createProgramme();
  await declareEnterprise(ownOrganisationId, users.applicant.id);
  const applicant = { id: users.applicant.id, email: users.applicant.email, fullName: "x", role: "applicant" as const, sessionId: "x" };
  const created = await createDossier(db, applicant, { organisationId: ownOrganisationId, supportTypeId: programme.typeId, content: "Tư vấn", providerName: "A", totalCostVnd: 10_000_000, requestedVnd: 5_000_000 }, null);
  if (!created.ok) throw new Error("dossier refused");
  dossierId = created.id;
  await transitionDossier(db, applicant, dossierId, "submit", {}, { t: translator("vi"), origin: "http://localhost", ip: null });
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

function only(...allowed: UserRole[]): Record<Role, Expectation> {
  return Object.fromEntries(ROLES.map((role) => [role, role === "anonymous" ? "login" : allowed.includes(role) ? "ok" : "forbidden"])) as Record<Role, Expectation>;
}
const everyUser = only("applicant", "judge", "staff", "leader", "incubator_manager", "admin");
const staffRoles = only("staff", "leader", "admin");
const adminOnly = only("admin");

/** Every page a signed-in user can reach, with what each role gets. */
const cases: Array<{ name: string; loader: any; path: () => string; params?: () => Record<string, string>; expect: Record<Role, Expectation> }> = [
  { name: "/home", loader: home.loader, path: () => "/home", expect: everyUser },
  { name: "/account", loader: account.loader, path: () => "/account", expect: everyUser },
  { name: "/organisations", loader: organisations.loader, path: () => "/organisations", expect: staffRoles },
  { name: "/organisations/export", loader: organisationsExport.loader, path: () => "/organisations/export?format=csv", expect: staffRoles },
  { name: "/organisations/new", loader: organisationsNew.loader, path: () => "/organisations/new", expect: only("staff", "admin") },
  {
    name: "/organisations/:own (the applicant's own)",
    loader: organisation.loader,
    path: () => `/organisations/${ownOrganisationId}`,
    params: () => ({ id: ownOrganisationId }),
    expect: only("applicant", "staff", "leader", "admin"),
  },
  { name: "/organisations/:other", loader: organisation.loader, path: () => `/organisations/${otherOrganisationId}`, params: () => ({ id: otherOrganisationId }), expect: staffRoles },
  {
    name: "/organisations/:own/edit",
    loader: organisationEdit.loader,
    path: () => `/organisations/${ownOrganisationId}/edit`,
    params: () => ({ id: ownOrganisationId }),
    expect: only("applicant", "staff", "admin"),
  },
  { name: "/organisations/:other/edit", loader: organisationEdit.loader, path: () => `/organisations/${otherOrganisationId}/edit`, params: () => ({ id: otherOrganisationId }), expect: only("staff", "admin") },
  { name: "/files/:own", loader: files.loader, path: () => `/files/${ownFileId}`, params: () => ({ id: ownFileId }), expect: only("applicant", "staff", "leader", "admin") },
  { name: "/files/:other", loader: files.loader, path: () => `/files/${otherFileId}`, params: () => ({ id: otherFileId }), expect: staffRoles },
  { name: "/staff/competitions", loader: staffCompetitions.loader, path: () => "/staff/competitions", expect: staffRoles },
  { name: "/staff/competitions/new", loader: staffCompetitionsNew.loader, path: () => "/staff/competitions/new", expect: staffRoles },
  { name: "/staff/competitions/:id/rounds/:roundId", loader: staffRound.loader, path: () => `/staff/competitions/${editionId}/rounds/${roundId}`, params: () => ({ id: editionId, roundId }), expect: staffRoles },
  {
    name: "/staff/competitions/:id/rounds/:roundId/ranking",
    loader: staffRanking.loader,
    path: () => `/staff/competitions/${editionId}/rounds/${roundId}/ranking`,
    params: () => ({ id: editionId, roundId }),
    expect: staffRoles,
  },
  {
    name: "/staff/competitions/:id/rounds/:roundId/minutes.xlsx",
    loader: staffMinutes.loader,
    path: () => `/staff/competitions/${editionId}/rounds/${roundId}/minutes.xlsx`,
    params: () => ({ id: editionId, roundId }),
    expect: staffRoles,
  },
  { name: "/staff/competitions/:id/prizes", loader: staffPrizes.loader, path: () => `/staff/competitions/${editionId}/prizes`, params: () => ({ id: editionId }), expect: staffRoles },
  // /certificates/:awardId.pdf (winners' members and staff, after publication) is covered role by role in prizes.test.ts.
  // /judging/:assignmentId (ownership, conflicts, blind rounds) is covered role by role in judging-judge.test.ts.
  { name: "/judging", loader: judging.loader, path: () => "/judging", expect: only("judge") },
  { name: "/my/entries", loader: myEntries.loader, path: () => "/my/entries", expect: only("applicant") },
  { name: "/my/entries/:own", loader: myEntry.loader, path: () => `/my/entries/${entryId}`, params: () => ({ id: entryId }), expect: only("applicant") },
  // The incubation records by id (/staff/incubation/:id, /my/incubation/:id: own incubator, own startup) are checked role by role in incubation.test.ts.
  { name: "/staff/incubation", loader: staffIncubation.loader, path: () => "/staff/incubation", expect: only("staff", "leader", "admin", "incubator_manager") },
  { name: "/staff/incubation/export", loader: staffIncubationExport.loader, path: () => "/staff/incubation/export?format=csv", expect: only("staff", "leader", "admin", "incubator_manager") },
  { name: "/staff/incubation/new", loader: staffIncubationNew.loader, path: () => "/staff/incubation/new", expect: only("staff", "admin", "incubator_manager") },
  { name: "/staff/sme", loader: staffSme.loader, path: () => "/staff/sme", expect: staffRoles },
  { name: "/staff/sme/export", loader: staffSmeExport.loader, path: () => "/staff/sme/export?format=csv", expect: staffRoles },
  { name: "/staff/sme/:id", loader: staffSmeDossier.loader, path: () => `/staff/sme/${dossierId}`, params: () => ({ id: dossierId }), expect: staffRoles },
  { name: "/staff/sme/:id/print", loader: staffSmePrint.loader, path: () => `/staff/sme/${dossierId}/print`, params: () => ({ id: dossierId }), expect: staffRoles },
  { name: "/sme", loader: smeHome.loader, path: () => "/sme", expect: only("applicant") },
  { name: "/sme/profile (own enterprise)", loader: smeProfile.loader, path: () => `/sme/profile?organisation=${ownOrganisationId}`, expect: only("applicant") },
  { name: "/sme/profile/print (own enterprise)", loader: smeProfilePrint.loader, path: () => `/sme/profile/print?organisation=${ownOrganisationId}`, expect: only("applicant", "staff", "leader", "admin") },
  { name: "/sme/dossiers/new", loader: smeNewDossier.loader, path: () => "/sme/dossiers/new", expect: only("applicant") },
  { name: "/sme/dossiers/:own", loader: smeDossier.loader, path: () => `/sme/dossiers/${dossierId}`, params: () => ({ id: dossierId }), expect: only("applicant") },
  { name: "/staff/sme/programme", loader: staffSmeProgramme.loader, path: () => "/staff/sme/programme", expect: staffRoles },
  { name: "/staff/holidays", loader: staffHolidays.loader, path: () => "/staff/holidays", expect: staffRoles },
  { name: "/staff/incubators", loader: staffIncubators.loader, path: () => "/staff/incubators", expect: only("staff", "leader", "admin", "incubator_manager") },
  {
    name: "/staff/incubators/:own (the manager's incubator)",
    loader: staffIncubator.loader,
    path: () => `/staff/incubators/${incubatorId}`,
    params: () => ({ id: incubatorId }),
    expect: only("staff", "leader", "admin", "incubator_manager"),
  },
  { name: "/my/incubation", loader: myIncubation.loader, path: () => "/my/incubation", expect: only("applicant") },
  { name: "/files/:entry-document", loader: files.loader, path: () => `/files/${entryFileId}`, params: () => ({ id: entryFileId }), expect: only("applicant", "staff", "leader", "admin") },
  { name: "/staff/competitions/:id/entries", loader: staffEntries.loader, path: () => `/staff/competitions/${editionId}/entries`, params: () => ({ id: editionId }), expect: staffRoles },
  { name: "/staff/competitions/:id/entries/export", loader: staffEntriesExport.loader, path: () => `/staff/competitions/${editionId}/entries/export?format=xlsx`, params: () => ({ id: editionId }), expect: staffRoles },
  {
    name: "/staff/competitions/:id/entries/:entryId",
    loader: staffEntry.loader,
    path: () => `/staff/competitions/${editionId}/entries/${entryId}`,
    params: () => ({ id: editionId, entryId }),
    expect: staffRoles,
  },
  {
    name: "/staff/competitions/:id/entries/:entryId/documents.zip",
    loader: staffEntryZip.loader,
    path: () => `/staff/competitions/${editionId}/entries/${entryId}/documents.zip`,
    params: () => ({ id: editionId, entryId }),
    expect: staffRoles,
  },
  { name: "/staff/competitions/:id", loader: staffEdition.loader, path: () => `/staff/competitions/${editionId}`, params: () => ({ id: editionId }), expect: staffRoles },
  { name: "/admin/users", loader: adminUsers.loader, path: () => "/admin/users", expect: adminOnly },
  { name: "/admin/users/export", loader: adminUsersExport.loader, path: () => "/admin/users/export?format=xlsx", expect: adminOnly },
  { name: "/admin/users/new", loader: adminUsersNew.loader, path: () => "/admin/users/new", expect: adminOnly },
  { name: "/admin/users/:id", loader: adminUser.loader, path: () => `/admin/users/${users.judge.id}`, params: () => ({ id: users.judge.id }), expect: adminOnly },
  { name: "/admin/sessions", loader: adminSessions.loader, path: () => "/admin/sessions", expect: adminOnly },
  { name: "/admin/outbox", loader: adminOutbox.loader, path: () => "/admin/outbox", expect: adminOnly },
  { name: "/admin/outbox/:id", loader: adminOutboxMessage.loader, path: () => `/admin/outbox/${outboxId}`, params: () => ({ id: outboxId }), expect: adminOnly },
  { name: "/admin/audit", loader: adminAudit.loader, path: () => "/admin/audit", expect: adminOnly },
];

describe.each(cases)("$name", (route) => {
  it.each(ROLES)("as %s", async (role) => {
    const cookie = role === "anonymous" ? undefined : users[role].cookie;
    const result = await call(route.loader, makeRequest(route.path(), { cookie }), route.params?.() ?? {});
    const expected = route.expect[role];
    if (expected === "ok") {
      expect(result.status, `${role} should be allowed`).toBe(200);
    } else if (expected === "login") {
      expect(result.status).toBe(302);
      expect(result.location).toMatch(/^\/login\?redirectTo=/);
    } else {
      expect(result.status, `${role} should be refused`).toBe(403);
    }
  });
});

/** Every action refuses whoever may not make that change, whatever the form says. */
describe("actions refuse the wrong roles", () => {
  const actionCases: Array<{ name: string; action: any; path: () => string; params?: () => Record<string, string>; form: () => Record<string, string>; allowed: Role[] }> = [
    { name: "create organisation", action: organisationsNew.action, path: () => "/organisations/new", form: () => ({ name: "Tổ chức mới", kind: "enterprise" }), allowed: ["staff", "admin"] },
    {
      name: "edit another's organisation",
      action: organisationEdit.action,
      path: () => `/organisations/${otherOrganisationId}/edit`,
      params: () => ({ id: otherOrganisationId }),
      form: () => ({ name: "Công ty khác", kind: "enterprise" }),
      allowed: ["staff", "admin"],
    },
    { name: "create staff account", action: adminUsersNew.action, path: () => "/admin/users/new", form: () => ({ fullName: "Giám khảo mới", email: `gk-${newId().slice(0, 6)}@example.vn`, role: "judge" }), allowed: ["admin"] },
    { name: "change a user's role", action: adminUser.action, path: () => `/admin/users/${users.judge.id}`, params: () => ({ id: users.judge.id }), form: () => ({ role: "judge", status: "active" }), allowed: ["admin"] },
    {
      name: "create an edition",
      action: staffCompetitionsNew.action,
      path: () => "/staff/competitions/new",
      form: () => ({ name: "Kỳ thi mới", number: "6", year: "2027", registrationOpensAt: "2027-06-01T08:00", submissionDeadline: "2027-09-30T17:00", maxEnterpriseAgeYears: "5", minRepresentativeAge: "18", receiptPrefix: "KN2027" }),
      allowed: ["staff", "admin"],
    },
    { name: "publish an edition", action: staffEdition.action, path: () => `/staff/competitions/${editionId}`, params: () => ({ id: editionId }), form: () => ({ intent: "publish" }), allowed: ["staff", "admin"] },
    {
      name: "add a category to an edition",
      action: staffEdition.action,
      path: () => `/staff/competitions/${editionId}`,
      params: () => ({ id: editionId }),
      form: () => ({ intent: "add-category", name: "Bảng nông nghiệp", kind: "track" }),
      allowed: ["staff", "admin"],
    },
    {
      name: "receive an SME dossier",
      action: staffSmeDossier.action,
      path: () => `/staff/sme/${dossierId}`,
      params: () => ({ id: dossierId }),
      form: () => ({ event: "receive" }),
      allowed: ["staff", "admin"],
    },
    {
      name: "withdraw an SME dossier",
      action: smeDossier.action,
      path: () => `/sme/dossiers/${dossierId}`,
      params: () => ({ id: dossierId }),
      form: () => ({ intent: "transition", event: "withdraw", reason: "Không còn nhu cầu" }),
      allowed: ["applicant"],
    },
    { name: "add a public holiday", action: staffHolidays.action, path: () => "/staff/holidays", form: () => ({ intent: "add", day: "2031-01-01", name: "Tết Dương lịch" }), allowed: ["staff", "admin"] },
    {
      name: "pause the SME programme",
      action: staffSmeProgramme.action,
      path: () => "/staff/sme/programme",
      form: () => ({ intent: "status", status: "paused", reason: "Chờ hướng dẫn" }),
      allowed: ["staff", "leader", "admin"],
    },
    {
      name: "save an incubator's profile",
      action: staffIncubator.action,
      path: () => `/staff/incubators/${incubatorId}`,
      params: () => ({ id: incubatorId }),
      form: () => ({ capacity: "4" }),
      allowed: ["staff", "admin", "incubator_manager"],
    },
    { name: "revoke a session", action: adminSessions.action, path: () => "/admin/sessions", form: () => ({ sessionId: "does-not-exist" }), allowed: ["admin"] },
  ];
  describe.each(actionCases)("$name", (route) => {
    it.each(ROLES.filter((role) => !route.allowed.includes(role)))("refuses %s", async (role) => {
      const cookie = role === "anonymous" ? undefined : users[role as UserRole].cookie;
      const before = await getDb().selectFrom("audit_events").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      const result = await call(route.action, makeRequest(route.path(), { cookie, form: route.form() }), route.params?.() ?? {});
      expect(result.status).toBe(role === "anonymous" ? 302 : 403);
      const after = await getDb().selectFrom("audit_events").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });
  });
});

describe("public pages", () => {
  const publicCases: Array<[string, any, string]> = [
    ["/login", login.loader, "/login"],
    ["/register", register.loader, "/register"],
    ["/reset-password", reset.loader, "/reset-password?token=khong-hop-le-0123"],
    ["/healthz", healthz.loader, "/healthz"],
    ["/competitions", competitions.loader, "/competitions"],
  ];
  it.each(publicCases)("%s opens for anonymous visitors", async (_name, loader, path) => {
    expect((await call(loader, makeRequest(path))).status).toBe(200);
  });
  it("a published call page opens for anyone, a draft edition's for nobody", async () => {
    expect((await call(competition.loader, makeRequest(`/competitions/${editionId}`), { id: editionId })).status).toBe(200);
    await getDb().updateTable("competition_editions").set({ status: "draft" }).where("id", "=", editionId).execute();
    expect((await call(competition.loader, makeRequest(`/competitions/${editionId}`, { cookie: users.staff.cookie }), { id: editionId })).status).toBe(404);
    await getDb().updateTable("competition_editions").set({ status: "published" }).where("id", "=", editionId).execute();
  });
  it("the certificate check is public and answers 404 for an unknown code", async () => {
    expect((await call(verify.loader, makeRequest("/verify/KHONGCO123"), { code: "KHONGCO123" })).status).toBe(404);
  });
  it("starting an entry is for applicants only", async () => {
    for (const role of ["judge", "staff", "leader", "admin", "incubator_manager"] as const) {
      expect((await call(competition.action, makeRequest(`/competitions/${editionId}`, { method: "POST", cookie: users[role].cookie }), { id: editionId })).status).toBe(403);
    }
    expect((await call(competition.action, makeRequest(`/competitions/${editionId}`, { method: "POST" }), { id: editionId })).status).toBe(302);
  });
  it.each(["/login", "/register"])("%s sends a signed-in user to their home", async (path) => {
    const loader = path === "/login" ? login.loader : register.loader;
    const result = await call(loader, makeRequest(path, { cookie: users.judge.cookie }));
    expect(result.status).toBe(302);
    expect(result.location).toBe("/home");
  });
  it("logout and language switch change state only by POST", async () => {
    expect((await call(logout.loader as any, makeRequest("/logout", { cookie: users.staff.cookie }))).location).toBe("/");
    expect((await call(home.loader, makeRequest("/home", { cookie: users.staff.cookie }))).status).toBe(200);
    const switched = await call(setLanguage.action, makeRequest("/set-language", { form: { locale: "en", redirectTo: "https://evil.example" } }));
    expect(switched.location).toBe("/");
    expect(switched.headers.get("Set-Cookie")).toMatch(/^lang=/);
  });
});

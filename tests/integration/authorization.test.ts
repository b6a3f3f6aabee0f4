import { beforeAll, describe, expect, it } from "vitest";
import type { UserRole } from "../../db/types";
import { getDb } from "../../app/lib/db.server";
import { newId } from "../../app/lib/ids.server";
import * as account from "../../app/routes/account";
import * as accountTwoFactor from "../../app/routes/account_.two-factor";
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
import * as readyz from "../../app/routes/readyz";
import * as testOnlyCrash from "../../app/routes/test-only.crash";
import * as home from "../../app/routes/home";
import * as login from "../../app/routes/login";
import * as loginTwoFactor from "../../app/routes/login_.two-factor";
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
import * as staffEvents from "../../app/routes/staff.events._index";
import * as staffEventsExport from "../../app/routes/staff.events.export";
import * as staffEventsNew from "../../app/routes/staff.events.new";
import * as staffEvent from "../../app/routes/staff.events.$id";
import * as staffEventImport from "../../app/routes/staff.events.$id_.import";
import * as staffMous from "../../app/routes/staff.mous._index";
import * as staffMousExport from "../../app/routes/staff.mous.export";
import * as staffMousNew from "../../app/routes/staff.mous.new";
import * as staffMou from "../../app/routes/staff.mous.$id";
import * as staffMousImport from "../../app/routes/staff.mous.import";
import * as organisationDuplicates from "../../app/routes/organisations.duplicates";
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
import * as staffTechnology from "../../app/routes/staff.technology._index";
import * as staffTechApplications from "../../app/routes/staff.technology.applications._index";
import * as staffTechApplicationsExport from "../../app/routes/staff.technology.applications.export";
import * as staffTechApplication from "../../app/routes/staff.technology.applications.$id";
import * as staffTechEnterprise from "../../app/routes/staff.technology.enterprises.$id";
import * as staffTechOutreach from "../../app/routes/staff.technology.outreach._index";
import * as staffTechCampaign from "../../app/routes/staff.technology.outreach.$id";
import * as staffTechCampaignExport from "../../app/routes/staff.technology.outreach.$id_.export";
import * as staffTechOutreachExport from "../../app/routes/staff.technology.outreach.export";
import * as staffTechAssessments from "../../app/routes/staff.technology.assessments._index";
import * as staffTechAssessmentNew from "../../app/routes/staff.technology.assessments.new";
import * as staffTechAssessmentsExport from "../../app/routes/staff.technology.assessments.export";
import * as myTechnology from "../../app/routes/technology._index";
import * as techApplicationNew from "../../app/routes/technology.applications.new";
import * as techApplication from "../../app/routes/technology.applications.$id";
import * as techCertificatePdf from "../../app/routes/technology.applications.$id_.certificate[.]pdf";
import { createCampaign } from "../../app/modules/technology/commands.server";
import * as competitions from "../../app/routes/competitions._index";
import * as competition from "../../app/routes/competitions.$id";
import * as staffCompetitions from "../../app/routes/staff.competitions._index";
import * as staffCompetitionsNew from "../../app/routes/staff.competitions.new";
import { createEdition } from "../../app/modules/competition/editions.server";
import * as staffReports from "../../app/routes/staff.reports._index";
import * as staffReportFigure from "../../app/routes/staff.reports.figures.$key";
import * as staffReportFigureExport from "../../app/routes/staff.reports.figures.$key_.export";
import * as staffReportAnnex from "../../app/routes/staff.reports.annex[.]xlsx";
import * as staffReportDrafts from "../../app/routes/staff.reports.drafts._index";
import * as staffReportDraft from "../../app/routes/staff.reports.drafts.$id";
import * as staffReportDocx from "../../app/routes/staff.reports.drafts.$id_.bao-cao[.]docx";
import * as staffReportDraftAnnex from "../../app/routes/staff.reports.drafts.$id_.phu-luc[.]xlsx";
import * as statistics from "../../app/routes/statistics";
import { createDraft } from "../../app/modules/reports/drafts.server";
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
let connectionEventId = "";
let mouId = "";
let techReceivedId = "";
let techReviewedId = "";
let techApprovedId = "";
let techDraftId = "";
let campaignId = "";
let reportDraftId = "";

/** A technology application of the applicant's enterprise, written straight in at the given status. */
async function techApplicationAt(status: "draft" | "received" | "reviewed" | "approved", organisationId: string, createdBy: string): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await getDb()
    .insertInto("tech_applications")
    .values({
      id, organisation_id: organisationId, status, kind: "renovation", technology: "Máy sấy", origin: "Việt Nam", supplier: "Nhà cung cấp", equipment: "Máy sấy", total_investment_vnd: 100_000_000,
      own_funds_vnd: 70_000_000, requested_support_vnd: 30_000_000, starts_on: "2026-12-01", ends_on: "2027-03-01", expected_gains: "Tăng năng suất", supplement_request: null, review_note: null,
      decision_reason: null, submitted_at: status === "draft" ? null : now, step_started_on: null, complete_on: null, due_on: null, implementation_status: null, implementation_reason: null,
      created_by: createdBy, created_at: now, updated_at: now,
    })
    .execute();
  if (status === "approved") {
    await getDb()
      .insertInto("tech_certificates")
      .values({ id: newId(), application_id: id, year: 2026, seq: 1, number: "01/GXN-SKHCN", verification_code: "KIEMTRAQUYEN2", issued_at: now, signer_name: "Lãnh đạo", signer_title: "GIÁM ĐỐC", issued_by: createdBy, revoked_at: null, revoked_by: null, revoke_reason: null })
      .execute();
  }
  return id;
}

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
  await transitionDossier(db, applicant, dossierId, "submit", {}, { t: translator("vi"), ip: null });
  connectionEventId = newId();
  await db.insertInto("connection_events").values({ id: connectionEventId, kind: "workshop", title: "Hội thảo kết nối", title_search: "hoi thao ket noi", starts_on: "2023-09-28", ends_on: "2023-09-28", place: null, topic: null, summary: null, reported_organisations: null, reported_people: 150, count_note: null, created_by: users.admin.id, created_at: now, updated_at: now }).execute();
  mouId = newId();
  await db.insertInto("mous").values({ id: mouId, reference: null, title: "Biên bản ghi nhớ", title_search: "bien ban ghi nho", event_id: connectionEventId, pairing: "enterprise_enterprise", signed_on: "2023-09-28", summary: null, status: "signed", next_check_on: "2024-03-28", created_by: users.admin.id, created_at: now, updated_at: now }).execute();
  await db.insertInto("mou_parties").values([{ mou_id: mouId, organisation_id: ownOrganisationId, position: 0 }, { mou_id: mouId, organisation_id: otherOrganisationId, position: 1 }]).execute();
  techDraftId = await techApplicationAt("draft", ownOrganisationId, users.applicant.id);
  techReceivedId = await techApplicationAt("received", ownOrganisationId, users.applicant.id);
  techReviewedId = await techApplicationAt("reviewed", ownOrganisationId, users.applicant.id);
  techApprovedId = await techApplicationAt("approved", ownOrganisationId, users.applicant.id);
  campaignId = (await createCampaign(db, admin, { title: "Phát tờ rơi", channel: "leaflet", heldOn: "2026-10-01" }, null)).id;
  reportDraftId = (
    await createDraft(db, admin, { from: "2021", to: "2026", period: { from: "2021-01-01", to: "2026-12-31" }, modules: ["competition", "sme", "connections"], issuedOn: "2026-11-23", signerTitle: "GIÁM ĐỐC", referenceNumber: undefined, signerName: undefined }, null)
  ).id;
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
  { name: "/account/two-factor", loader: accountTwoFactor.loader, path: () => "/account/two-factor", expect: everyUser },
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
  { name: "/staff/events", loader: staffEvents.loader, path: () => "/staff/events", expect: staffRoles },
  { name: "/staff/events/export", loader: staffEventsExport.loader, path: () => "/staff/events/export?format=xlsx", expect: staffRoles },
  { name: "/staff/events/new", loader: staffEventsNew.loader, path: () => "/staff/events/new", expect: only("staff", "admin") },
  { name: "/staff/events/:id", loader: staffEvent.loader, path: () => `/staff/events/${connectionEventId}`, params: () => ({ id: connectionEventId }), expect: staffRoles },
  { name: "/staff/events/:id/import", loader: staffEventImport.loader, path: () => `/staff/events/${connectionEventId}/import`, params: () => ({ id: connectionEventId }), expect: only("staff", "admin") },
  { name: "/staff/mous", loader: staffMous.loader, path: () => "/staff/mous?due=1", expect: staffRoles },
  { name: "/staff/mous/export", loader: staffMousExport.loader, path: () => "/staff/mous/export?format=csv", expect: staffRoles },
  { name: "/staff/mous/new", loader: staffMousNew.loader, path: () => `/staff/mous/new?event=${connectionEventId}`, expect: only("staff", "admin") },
  { name: "/staff/mous/:id", loader: staffMou.loader, path: () => `/staff/mous/${mouId}`, params: () => ({ id: mouId }), expect: staffRoles },
  { name: "/staff/mous/import", loader: staffMousImport.loader, path: () => "/staff/mous/import", expect: only("staff", "admin") },
  { name: "/organisations/duplicates", loader: organisationDuplicates.loader, path: () => "/organisations/duplicates", expect: only("staff", "admin") },
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
  { name: "/staff/technology", loader: staffTechnology.loader, path: () => "/staff/technology?stage=contacted&q=c", expect: staffRoles },
  { name: "/staff/technology/applications", loader: staffTechApplications.loader, path: () => "/staff/technology/applications", expect: staffRoles },
  { name: "/staff/technology/applications/export", loader: staffTechApplicationsExport.loader, path: () => "/staff/technology/applications/export?format=xlsx", expect: staffRoles },
  { name: "/staff/technology/applications/:id", loader: staffTechApplication.loader, path: () => `/staff/technology/applications/${techReviewedId}`, params: () => ({ id: techReviewedId }), expect: staffRoles },
  { name: "/staff/technology/enterprises/:id", loader: staffTechEnterprise.loader, path: () => `/staff/technology/enterprises/${ownOrganisationId}`, params: () => ({ id: ownOrganisationId }), expect: staffRoles },
  { name: "/staff/technology/outreach", loader: staffTechOutreach.loader, path: () => "/staff/technology/outreach", expect: staffRoles },
  { name: "/staff/technology/outreach/export", loader: staffTechOutreachExport.loader, path: () => "/staff/technology/outreach/export?format=xlsx&channel=leaflet", expect: staffRoles },
  { name: "/staff/technology/outreach/:id", loader: staffTechCampaign.loader, path: () => `/staff/technology/outreach/${campaignId}`, params: () => ({ id: campaignId }), expect: staffRoles },
  { name: "/staff/technology/outreach/:id/export", loader: staffTechCampaignExport.loader, path: () => `/staff/technology/outreach/${campaignId}/export?format=csv`, params: () => ({ id: campaignId }), expect: staffRoles },
  { name: "/staff/technology/assessments", loader: staffTechAssessments.loader, path: () => "/staff/technology/assessments", expect: staffRoles },
  { name: "/staff/technology/assessments/export", loader: staffTechAssessmentsExport.loader, path: () => "/staff/technology/assessments/export?format=csv", expect: staffRoles },
  { name: "/staff/technology/assessments/new", loader: staffTechAssessmentNew.loader, path: () => `/staff/technology/assessments/new?organisation=${ownOrganisationId}`, expect: staffRoles },
  { name: "/technology", loader: myTechnology.loader, path: () => "/technology", expect: only("applicant") },
  { name: "/technology/applications/new", loader: techApplicationNew.loader, path: () => "/technology/applications/new", expect: only("applicant") },
  { name: "/technology/applications/:own", loader: techApplication.loader, path: () => `/technology/applications/${techReviewedId}`, params: () => ({ id: techReviewedId }), expect: only("applicant") },
  {
    name: "/technology/applications/:own/certificate.pdf",
    loader: techCertificatePdf.loader,
    path: () => `/technology/applications/${techApprovedId}/certificate.pdf`,
    params: () => ({ id: techApprovedId }),
    expect: only("applicant", "staff", "leader", "admin"),
  },
  { name: "/admin/users", loader: adminUsers.loader, path: () => "/admin/users", expect: adminOnly },
  { name: "/admin/users/export", loader: adminUsersExport.loader, path: () => "/admin/users/export?format=xlsx", expect: adminOnly },
  { name: "/admin/users/new", loader: adminUsersNew.loader, path: () => "/admin/users/new", expect: adminOnly },
  { name: "/admin/users/:id", loader: adminUser.loader, path: () => `/admin/users/${users.judge.id}`, params: () => ({ id: users.judge.id }), expect: adminOnly },
  { name: "/admin/sessions", loader: adminSessions.loader, path: () => "/admin/sessions", expect: adminOnly },
  { name: "/admin/outbox", loader: adminOutbox.loader, path: () => "/admin/outbox", expect: adminOnly },
  { name: "/admin/outbox/:id", loader: adminOutboxMessage.loader, path: () => `/admin/outbox/${outboxId}`, params: () => ({ id: outboxId }), expect: adminOnly },
  { name: "/admin/audit", loader: adminAudit.loader, path: () => "/admin/audit", expect: adminOnly },
  { name: "/staff/reports", loader: staffReports.loader, path: () => "/staff/reports?from=2021&to=2026", expect: staffRoles },
  { name: "/staff/reports/figures/:key", loader: staffReportFigure.loader, path: () => "/staff/reports/figures/entries?from=2021&to=2026", params: () => ({ key: "entries" }), expect: staffRoles },
  { name: "/staff/reports/figures/:key/export", loader: staffReportFigureExport.loader, path: () => "/staff/reports/figures/mous/export?from=2021&format=xlsx", params: () => ({ key: "mous" }), expect: staffRoles },
  { name: "/staff/reports/annex.xlsx", loader: staffReportAnnex.loader, path: () => "/staff/reports/annex.xlsx?from=2021&to=2026", expect: staffRoles },
  { name: "/staff/reports/drafts", loader: staffReportDrafts.loader, path: () => "/staff/reports/drafts", expect: staffRoles },
  { name: "/staff/reports/drafts/:id", loader: staffReportDraft.loader, path: () => `/staff/reports/drafts/${reportDraftId}`, params: () => ({ id: reportDraftId }), expect: staffRoles },
  { name: "/staff/reports/drafts/:id/bao-cao.docx", loader: staffReportDocx.loader, path: () => `/staff/reports/drafts/${reportDraftId}/bao-cao.docx`, params: () => ({ id: reportDraftId }), expect: staffRoles },
  { name: "/staff/reports/drafts/:id/phu-luc.xlsx", loader: staffReportDraftAnnex.loader, path: () => `/staff/reports/drafts/${reportDraftId}/phu-luc.xlsx`, params: () => ({ id: reportDraftId }), expect: staffRoles },
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
    { name: "start two-factor enrolment", action: accountTwoFactor.action, path: () => "/account/two-factor", form: () => ({ intent: "start" }), allowed: ["applicant", "judge", "staff", "leader", "incubator_manager", "admin"] },
    {
      name: "reset a user's two-factor sign-in",
      action: adminUser.action,
      path: () => `/admin/users/${users.leader.id}`,
      params: () => ({ id: users.leader.id }),
      form: () => ({ intent: "reset-two-factor", reason: "Mất điện thoại" }),
      allowed: ["admin"],
    },
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
      name: "record a connection event",
      action: staffEventsNew.action,
      path: () => "/staff/events/new",
      form: () => ({ kind: "workshop", title: "Hội thảo mới", startsOn: "2024-01-10", endsOn: "2024-01-10", organiserId: ownOrganisationId }),
      allowed: ["staff", "admin"],
    },
    {
      name: "add an event participant",
      action: staffEvent.action,
      path: () => `/staff/events/${connectionEventId}`,
      params: () => ({ id: connectionEventId }),
      form: () => ({ intent: "participant", personName: `Người tham dự ${newId().slice(0, 6)}` }),
      allowed: ["staff", "admin"],
    },
    {
      name: "confirm an attendee import",
      action: staffEventImport.action,
      path: () => `/staff/events/${connectionEventId}/import`,
      params: () => ({ id: connectionEventId }),
      form: () => ({ batchId: "khong-co" }),
      allowed: ["staff", "admin"],
    },
    {
      name: "record an MOU",
      action: staffMousNew.action,
      path: () => "/staff/mous/new",
      form: () => ({ partyIds: ownOrganisationId, fields: "trade_promotion", signedOn: "2023-01-01", title: "MOU" }),
      allowed: ["staff", "admin"],
    },
    {
      name: "note an MOU follow-up",
      action: staffMou.action,
      path: () => `/staff/mous/${mouId}`,
      params: () => ({ id: mouId }),
      form: () => ({ status: "in_progress", notedOn: "2024-01-10", note: "Đang triển khai" }),
      allowed: ["staff", "admin"],
    },
    {
      name: "confirm an MOU import",
      action: staffMousImport.action,
      path: () => "/staff/mous/import",
      form: () => ({ batchId: "khong-co" }),
      allowed: ["staff", "admin"],
    },
    {
      name: "merge duplicate organisations",
      action: organisationDuplicates.action,
      path: () => "/organisations/duplicates",
      form: () => ({ keepId: ownOrganisationId, mergeId: otherOrganisationId, reason: "Trùng" }),
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
    {
      name: "mark a technology application complete",
      action: staffTechApplication.action,
      path: () => `/staff/technology/applications/${techReceivedId}`,
      params: () => ({ id: techReceivedId }),
      form: () => ({ event: "mark_complete" }),
      allowed: ["staff", "admin"],
    },
    {
      name: "approve a technology application",
      action: staffTechApplication.action,
      path: () => `/staff/technology/applications/${techReviewedId}`,
      params: () => ({ id: techReviewedId }),
      form: () => ({ event: "approve", reason: "Đồng ý" }),
      allowed: ["leader"],
    },
    {
      name: "reject a technology application",
      action: staffTechApplication.action,
      path: () => `/staff/technology/applications/${techReviewedId}`,
      params: () => ({ id: techReviewedId }),
      form: () => ({ event: "reject", reason: "Không đủ điều kiện" }),
      allowed: ["leader"],
    },
    {
      name: "revoke a participation certificate",
      action: staffTechApplication.action,
      path: () => `/staff/technology/applications/${techApprovedId}`,
      params: () => ({ id: techApprovedId }),
      form: () => ({ intent: "revoke", reason: "Dự án dừng" }),
      allowed: ["leader"],
    },
    {
      name: "submit a technology application",
      action: techApplication.action,
      path: () => `/technology/applications/${techDraftId}`,
      params: () => ({ id: techDraftId }),
      form: () => ({ intent: "transition", event: "submit" }),
      allowed: ["applicant"],
    },
    {
      name: "apply to the technology programme",
      action: techApplicationNew.action,
      path: () => "/technology/applications/new",
      form: () => ({ organisationId: ownOrganisationId, kind: "renovation", technology: "Máy", origin: "VN", supplier: "A", equipment: "B", totalInvestmentVnd: "100", ownFundsVnd: "50", requestedSupportVnd: "50", startsOn: "2026-12-01", endsOn: "2027-01-01", expectedGains: "C" }),
      allowed: ["applicant"],
    },
    {
      name: "log a consultation",
      action: staffTechEnterprise.action,
      path: () => `/staff/technology/enterprises/${ownOrganisationId}`,
      params: () => ({ id: ownOrganisationId }),
      form: () => ({ kind: "field_visit", heldOn: "2026-10-02", staffNames: "A", findings: "B", advice: "C" }),
      allowed: ["staff", "leader", "admin"],
    },
    { name: "create an outreach campaign", action: staffTechOutreach.action, path: () => "/staff/technology/outreach", form: () => ({ title: "Băng rôn", channel: "banner", heldOn: "2026-10-01" }), allowed: ["staff", "leader", "admin"] },
    {
      name: "record a technology-level assessment",
      action: staffTechAssessmentNew.action,
      path: () => "/staff/technology/assessments/new",
      form: () => ({ organisationId: ownOrganisationId, year: "2026", assessedOn: "2026-10-01" }),
      allowed: ["staff", "leader", "admin"],
    },
    {
      name: "correct a technology-level band",
      action: staffTechAssessments.action,
      path: () => "/staff/technology/assessments",
      form: () => ({ intent: "band", code: "advanced", minTotal: "80", minCoefficient: "0.7", source: "Thông tư 17/2019" }),
      allowed: ["staff", "leader", "admin"],
    },
    {
      name: "draft a report",
      action: staffReportDrafts.action,
      path: () => "/staff/reports/drafts",
      form: () => ({ from: "2021", to: "2025", modules: "connections", issuedOn: "2026-11-23", signerTitle: "GIÁM ĐỐC" }),
      allowed: ["staff", "leader", "admin"],
    },
    {
      name: "redraft a report",
      action: staffReportDraft.action,
      path: () => `/staff/reports/drafts/${reportDraftId}`,
      params: () => ({ id: reportDraftId }),
      form: () => ({ intent: "redraft" }),
      allowed: ["staff", "leader", "admin"],
    },
    {
      name: "delete a report draft",
      action: staffReportDraft.action,
      path: () => `/staff/reports/drafts/${reportDraftId}`,
      params: () => ({ id: reportDraftId }),
      form: () => ({ intent: "delete" }),
      allowed: ["staff", "leader", "admin"],
    },
    {
      name: "record the committee's decision on a tie (ranking)",
      action: staffRanking.action,
      path: () => `/staff/competitions/${editionId}/rounds/${roundId}/ranking`,
      params: () => ({ id: editionId, roundId }),
      form: () => ({ intent: "resolve-tie", tie: "x", order: "a", reason: "Biên bản họp" }),
      allowed: ["staff", "leader"],
    },
    {
      name: "record the committee's decision on a tie (prizes)",
      action: staffPrizes.action,
      path: () => `/staff/competitions/${editionId}/prizes`,
      params: () => ({ id: editionId }),
      form: () => ({ intent: "resolve-tie", tie: "x", order: "a", reason: "Biên bản họp" }),
      allowed: ["staff", "leader"],
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
    ["/readyz", readyz.loader, "/readyz"],
    ["/competitions", competitions.loader, "/competitions"],
    ["/statistics", statistics.loader, "/statistics"],
  ];
  it.each(publicCases)("%s opens for anonymous visitors", async (_name, loader, path) => {
    expect((await call(loader, makeRequest(path))).status).toBe(200);
  });
  it("/test-only/crash is a 404 for everyone unless the server runs tests with PORTAL_TEST_ROUTES=1", async () => {
    expect((await call(testOnlyCrash.loader, makeRequest("/test-only/crash"))).status).toBe(404);
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
  it("/login/two-factor sends a visitor without a login challenge to the login form, even a signed-in one", async () => {
    expect((await call(loginTwoFactor.loader, makeRequest("/login/two-factor"))).location).toBe("/login");
    expect((await call(loginTwoFactor.loader, makeRequest("/login/two-factor", { cookie: users.staff.cookie }))).location).toBe("/login");
    const answered = await call(loginTwoFactor.action, makeRequest("/login/two-factor", { cookie: users.staff.cookie, form: { code: "123456" } }));
    expect(answered.location).toBe("/login");
    expect(answered.headers.getSetCookie().some((cookie) => cookie.startsWith("__session="))).toBe(false);
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

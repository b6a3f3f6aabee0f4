/**
 * Report drafts: drafted from the figures of a period, edited by staff, exported as DOCX with an XLSX annex.
 * Staff, leaders and admins write them (routes check requireRole(STAFF_ROLES)); every change is audited.
 */
import type { ReportDraft } from "../../../db/types";
import { recordAudit } from "../../lib/audit.server";
import type { CurrentUser } from "../../lib/auth.server";
import type { DB } from "../../lib/db.server";
import { searchKey } from "../../lib/format";
import { notFound } from "../../lib/http.server";
import { newId } from "../../lib/ids.server";
import { offsetOf, readListState, toPage } from "../../lib/list";
import { nowIso } from "../../lib/time.server";
import { changesSince, claimVersion, type VersionConflict } from "../../lib/versions.server";
import { currentProgramme } from "../sme/queries.server";
import { REPORT_MODULES, type ReportModule } from "./catalogue";
import { datasetRecords, reportFigures, type ReportFigures } from "./datasets.server";
import {
  DEFAULT_SUBTITLE,
  draftIntroduction,
  draftSections,
  NAMED_ENTERPRISES_MAX,
  type DraftContext,
  type DraftSection,
} from "./drafting";
import { yearOf, type Period } from "./period";
import type { DraftEditInput, NewDraftInput } from "./schemas";
import { containsKey } from "../../lib/search-sql";

export const DEFAULT_RECIPIENTS = ["UBND tỉnh (b/c);", "Giám đốc, các Phó Giám đốc Sở;", "Lưu: VT, phòng QLCN."];

/** What the drafted sentences name besides the counts: the competitions, the enterprises, the programme's state, the reasons. */
export async function draftContext(db: DB, period: Period): Promise<DraftContext> {
  const [editions, enterprises, programme, stalled] = await Promise.all([
    datasetRecords(db, "editions", period)
      .select(["r.title as name", "r.year"])
      .orderBy("r.year")
      .orderBy("r.title")
      .limit(50)
      .execute(),
    datasetRecords(db, "smeDossiers", period)
      .select("r.organisation_name as name")
      .distinct()
      .orderBy("r.organisation_name")
      .limit(NAMED_ENTERPRISES_MAX + 1)
      .execute(),
    currentProgramme(db),
    datasetRecords(db, "techCertificates", period)
      .innerJoin("tech_applications as a", "a.id", "r.parent_id")
      .where("r.part", "=", "stalled")
      .select("a.implementation_reason as reason")
      .limit(20)
      .execute(),
  ]);
  return {
    editions: editions.map((e) => ({ name: e.name, year: Number(e.year) })),
    smeEnterprises: enterprises.map((e) => e.name ?? "").filter(Boolean),
    smeProgramme: programme ? { status: programme.status, reason: programme.status_reason } : null,
    stalledReasons: stalled.map((s) => s.reason ?? "").filter(Boolean),
  };
}

export type StoredSection = DraftSection;

export function sectionsOf(draft: Pick<ReportDraft, "sections_json">): StoredSection[] {
  return JSON.parse(draft.sections_json) as StoredSection[];
}

export function modulesOf(draft: Pick<ReportDraft, "modules">): ReportModule[] {
  const chosen = draft.modules.split(",");
  return REPORT_MODULES.filter((module) => chosen.includes(module));
}

export function periodOfDraft(draft: Pick<ReportDraft, "period_from" | "period_to">): Period {
  return { from: draft.period_from, to: draft.period_to };
}

async function drafted(
  db: DB,
  period: Period,
  modules: readonly ReportModule[],
): Promise<{ figures: ReportFigures; sections: DraftSection[] }> {
  const [figures, context] = await Promise.all([reportFigures(db, period), draftContext(db, period)]);
  return { figures, sections: draftSections(modules, figures, context) };
}

export async function createDraft(
  db: DB,
  actor: CurrentUser,
  input: NewDraftInput,
  ip: string | null,
): Promise<{ id: string }> {
  const { figures, sections } = await drafted(db, input.period, input.modules);
  const id = newId();
  const now = nowIso();
  const values = {
    id,
    period_from: input.period.from,
    period_to: input.period.to,
    modules: input.modules.join(","),
    reference_number: input.referenceNumber ?? "",
    issued_on: input.issuedOn,
    subtitle: DEFAULT_SUBTITLE(input.period),
    subtitle_search: searchKey(DEFAULT_SUBTITLE(input.period)),
    addressee: "",
    introduction: draftIntroduction(input.period),
    sections_json: JSON.stringify(sections),
    figures_json: JSON.stringify(figures),
    drafted_at: now,
    recipients: DEFAULT_RECIPIENTS.join("\n"),
    signer_title: input.signerTitle,
    signer_name: input.signerName ?? "",
    created_by: actor.id,
    updated_by: actor.id,
    created_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto("report_drafts").values(values).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "reports.draft_created",
      entityType: "report_draft",
      entityId: id,
      after: { period: input.period, modules: input.modules, subtitle: values.subtitle },
      ip,
    });
  });
  return { id };
}

/** The draft's particulars as its form names them: what a version conflict reports (the sections are named as a whole). */
const FORM_FIELDS = {
  reference_number: "referenceNumber",
  issued_on: "issuedOn",
  subtitle: "subtitle",
  addressee: "addressee",
  introduction: "introduction",
  recipients: "recipients",
  signer_title: "signerTitle",
  signer_name: "signerName",
} as const;

/** Saves the edited text, only if the draft is still at the version the form was loaded at (several staff write one report). */
export async function updateDraft(
  db: DB,
  actor: CurrentUser,
  draftId: string,
  input: DraftEditInput,
  loaded: number,
  ip: string | null,
): Promise<{ ok: true } | VersionConflict> {
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("report_drafts").selectAll().where("id", "=", draftId).executeTakeFirst();
    if (!before) notFound();
    if (!(await claimVersion(trx, "report_drafts", draftId, loaded)))
      return changesSince(trx, "report_drafts", "report_draft", draftId, loaded, FORM_FIELDS);
    const keys = sectionsOf(before);
    const sections: StoredSection[] = input.sections.map((section, index) => ({
      key: keys[index]?.key ?? "assessment",
      heading: section.heading,
      text: section.text,
    }));
    const after = {
      reference_number: input.referenceNumber,
      issued_on: input.issuedOn,
      subtitle: input.subtitle,
      addressee: input.addressee,
      introduction: input.introduction,
      sections_json: JSON.stringify(sections),
      recipients: input.recipients,
      signer_title: input.signerTitle,
      signer_name: input.signerName,
    };
    await trx
      .updateTable("report_drafts")
      .set({ ...after, subtitle_search: searchKey(input.subtitle), updated_by: actor.id, updated_at: nowIso() })
      .where("id", "=", draftId)
      .execute();
    const changed = Object.fromEntries(
      Object.entries(after).filter(([key, value]) => before[key as keyof typeof after] !== value),
    );
    const previous = Object.fromEntries(Object.keys(changed).map((key) => [key, before[key as keyof typeof after]]));
    await recordAudit(trx, {
      actorId: actor.id,
      action: "reports.draft_updated",
      entityType: "report_draft",
      entityId: draftId,
      before: previous,
      after: { ...changed, version: loaded + 1 },
      ip,
    });
    return { ok: true } as const;
  });
}

/** Drafts the sections again from today's figures (the particulars stay); the text staff typed is replaced. */
export async function redraftDraft(db: DB, actor: CurrentUser, draftId: string, ip: string | null): Promise<void> {
  const draft = await getDraft(db, draftId);
  const { figures, sections } = await drafted(db, periodOfDraft(draft), modulesOf(draft));
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    // Replacing the text is a new version: a text form loaded before it is refused rather than saved over it.
    const { version } = await trx
      .selectFrom("report_drafts")
      .select("version")
      .where("id", "=", draftId)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("report_drafts")
      .set({
        sections_json: JSON.stringify(sections),
        figures_json: JSON.stringify(figures),
        drafted_at: now,
        updated_by: actor.id,
        updated_at: now,
        version: version + 1,
      })
      .where("id", "=", draftId)
      .execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "reports.draft_redrafted",
      entityType: "report_draft",
      entityId: draftId,
      before: { sections: sectionsOf(draft), drafted_at: draft.drafted_at },
      after: { sections, drafted_at: now, version: version + 1 },
      ip,
    });
  });
}

export async function deleteDraft(db: DB, actor: CurrentUser, draftId: string, ip: string | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("report_drafts").selectAll().where("id", "=", draftId).executeTakeFirst();
    if (!before) notFound();
    await trx.deleteFrom("report_drafts").where("id", "=", draftId).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "reports.draft_deleted",
      entityType: "report_draft",
      entityId: draftId,
      before: { ...before, figures_json: undefined },
      ip,
    });
  });
}

export async function getDraft(db: DB, id: string): Promise<ReportDraft> {
  const draft = await db.selectFrom("report_drafts").selectAll().where("id", "=", id).executeTakeFirst();
  if (!draft) notFound();
  return draft;
}

export const DRAFT_LIST = {
  sortable: ["updated_at", "period_from", "subtitle"],
  defaultSort: "updated_at",
  defaultDir: "desc",
  filters: [],
} as const;

export function draftListState(search: URLSearchParams) {
  return readListState(search, DRAFT_LIST);
}

const draftSort = { updated_at: "d.updated_at", period_from: "d.period_from", subtitle: "d.subtitle" } as const;

function draftsQuery(db: DB, state: ReturnType<typeof draftListState>) {
  let query = db.selectFrom("report_drafts as d").innerJoin("users as u", "u.id", "d.updated_by");
  if (state.q) query = query.where(containsKey("d.subtitle_search", searchKey(state.q)));
  return query;
}

function draftRows(db: DB, state: ReturnType<typeof draftListState>) {
  return draftsQuery(db, state)
    .select([
      "d.id",
      "d.subtitle",
      "d.period_from",
      "d.period_to",
      "d.modules",
      "d.reference_number",
      "d.updated_at",
      "u.full_name as updated_by_name",
    ])
    .orderBy(draftSort[state.sort], state.dir)
    .orderBy("d.id");
}

export async function listDrafts(db: DB, state: ReturnType<typeof draftListState>) {
  const [rows, total] = await Promise.all([
    draftRows(db, state).limit(state.pageSize).offset(offsetOf(state)).execute(),
    draftsQuery(db, state)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return toPage(rows, Number(total.n), state);
}

/** The drafts the list shows, with its search and order, every page (at most `limit` rows): its export. */
export function draftsForExport(db: DB, state: ReturnType<typeof draftListState>, limit: number) {
  return draftRows(db, state).limit(limit).execute();
}

/** The year span of a draft, for its file names ("bao-cao-2021-2025"). */
export function draftFileStem(draft: Pick<ReportDraft, "period_from" | "period_to">): string {
  const from = yearOf(draft.period_from);
  const to = yearOf(draft.period_to);
  return from === to ? `bao-cao-${from}` : `bao-cao-${from}-${to}`;
}

import { sql } from "kysely";
import type { UserRole } from "../../../db/types";
import type { DB } from "../../lib/db.server";
import { provinceLocalToIso } from "../../lib/province-time";
import { awardedEntriesQuery } from "../judging/results.server";

/**
 * The organisation's whole story in the portal: one timeline made of sources, each a query of its own that knows
 * what a viewer may see and where its records live. A new programme is one more entry in STORY_SOURCES (the
 * technology programme's outreach, consultations, field visits, assessments, applications and certificates, and
 * incubation's progress reports and milestones, joined that way); nothing else changes. Staff, leaders and admins see every source; a member of
 * the organisation sees what their own pages show (their entries, prizes once published, incubation, dossiers) and
 * the events and MOUs they took part in, without links to the staff records.
 */
export type StoryViewer = { role: UserRole; member: boolean };
export type StoryItem = {
  source: StorySourceKey;
  /** ISO day or timestamp: the timeline sorts by it, newest first. */
  date: string;
  title: string;
  /** An i18n key for the record's state (e.g. "incubation.statuses.incubating"), if it has one. */
  statusKey: string | null;
  detail: string | null;
  href: string | null;
};

type StorySource = {
  key: StorySourceKey;
  load: (db: DB, organisationId: string, viewer: StoryViewer) => Promise<StoryItem[]>;
};
export type StorySourceKey =
  | "entry"
  | "prize"
  | "incubation"
  | "hosting"
  | "mentoring"
  | "dossier"
  | "technology"
  | "certificate"
  | "outreach"
  | "consultation"
  | "field_visit"
  | "assessment"
  | "progress_report"
  | "milestone"
  | "event"
  | "organised"
  | "mou"
  | "merge"
  | "rename";

/** The audit action of a change of an organisation's name (e.g. a startup team founded as a registered business). */
export const ORGANISATION_RENAMED = "organisation.renamed";

const staff = (viewer: StoryViewer) => viewer.role === "staff" || viewer.role === "leader" || viewer.role === "admin";
/**
 * The timeline shows the newest STORY_LIMIT items. Each source reads at most that many, newest first by the very
 * date the item carries, so the merge below is exactly the newest STORY_LIMIT of all of them (any item among those
 * is among its own source's newest STORY_LIMIT): a bounded merge, not a sample.
 */
export const STORY_LIMIT = 100;
const PER_SOURCE = STORY_LIMIT;
/** Free text (findings, a report's narrative) shortened to one line of the timeline. */
function excerpt(text: string | null, max = 160): string | null {
  if (!text) return null;
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/** Staff open the record's staff page; the startup's founders their own; anyone else sees it without a link. */
function incubationHref(viewer: StoryViewer, recordId: string, anchor: string): string | null {
  if (staff(viewer)) return `/staff/incubation/${recordId}${anchor}`;
  return viewer.role === "applicant" ? `/my/incubation/${recordId}${anchor}` : null;
}

const STORY_SOURCES: StorySource[] = [
  {
    key: "entry",
    async load(db, id, viewer) {
      let query = db
        .selectFrom("competition_entries")
        .innerJoin("competition_editions", "competition_editions.id", "competition_entries.edition_id")
        .select([
          "competition_entries.id",
          "competition_entries.edition_id",
          "competition_entries.project_name",
          "competition_entries.status",
          "competition_entries.submitted_at",
          "competition_entries.created_at",
          "competition_editions.name as edition",
        ])
        .where("competition_entries.organisation_id", "=", id);
      // Staff never see an entrant's draft.
      if (!viewer.member) query = query.where("competition_entries.status", "!=", "draft");
      const rows = await query
        .orderBy(sql`coalesce(competition_entries.submitted_at, competition_entries.created_at)`, "desc")
        .limit(PER_SOURCE)
        .execute();
      return rows.map((r) => ({
        source: "entry" as const,
        date: r.submitted_at ?? r.created_at,
        title: r.project_name,
        statusKey: `entries.statuses.${r.status}`,
        detail: r.edition,
        href: staff(viewer) ? `/staff/competitions/${r.edition_id}/entries/${r.id}` : `/my/entries/${r.id}`,
      }));
    },
  },
  {
    key: "prize",
    async load(db, id, viewer) {
      let query = awardedEntriesQuery(db)
        .select([
          "prize_awards.id",
          "prize_awards.created_at",
          "competition_editions.id as edition_id",
          "competition_editions.name as edition",
          "competition_editions.award_ceremony_on",
          "competition_editions.results_published_at",
          "competition_prizes.rank_label",
          "competition_entries.project_name",
        ])
        .where("competition_entries.organisation_id", "=", id);
      if (!staff(viewer)) query = query.where("competition_editions.results_status", "=", "published");
      const rows = await query
        .orderBy(
          sql`coalesce(competition_editions.award_ceremony_on, competition_editions.results_published_at, prize_awards.created_at)`,
          "desc",
        )
        .limit(PER_SOURCE)
        .execute();
      return rows.map((r) => ({
        source: "prize" as const,
        date: r.award_ceremony_on ?? r.results_published_at ?? r.created_at,
        title: `${r.rank_label} – ${r.project_name}`,
        statusKey: null,
        detail: r.edition,
        href: staff(viewer) ? `/staff/competitions/${r.edition_id}/prizes` : `/competitions/${r.edition_id}`,
      }));
    },
  },
  {
    key: "incubation",
    async load(db, id, viewer) {
      const rows = await db
        .selectFrom("incubation_records")
        .innerJoin("organisations as incubator", "incubator.id", "incubation_records.incubator_id")
        .select([
          "incubation_records.id",
          "incubation_records.started_on",
          "incubation_records.status",
          "incubator.name as incubator",
        ])
        .where("incubation_records.organisation_id", "=", id)
        .orderBy("incubation_records.started_on", "desc")
        .limit(PER_SOURCE)
        .execute();
      return rows.map((r) => ({
        source: "incubation" as const,
        date: r.started_on,
        title: r.incubator,
        statusKey: `incubation.statuses.${r.status}`,
        detail: null,
        href: incubationHref(viewer, r.id, ""),
      }));
    },
  },
  // The incubated startup's own reports and the milestones it reached: staff, and the startup's founders, see them.
  {
    key: "progress_report",
    async load(db, id, viewer) {
      const rows = await db
        .selectFrom("progress_reports")
        .innerJoin("incubation_records", "incubation_records.id", "progress_reports.record_id")
        .innerJoin("organisations as incubator", "incubator.id", "incubation_records.incubator_id")
        .select([
          "progress_reports.id",
          "progress_reports.record_id",
          "progress_reports.period_start",
          "progress_reports.period_end",
          "progress_reports.narrative",
          "progress_reports.submitted_at",
          "incubator.name as incubator",
        ])
        .where("incubation_records.organisation_id", "=", id)
        .orderBy("progress_reports.submitted_at", "desc")
        .limit(PER_SOURCE)
        .execute();
      return rows.map((r) => ({
        source: "progress_report" as const,
        date: r.submitted_at,
        title: excerpt(r.narrative) ?? "—",
        statusKey: null,
        detail: r.incubator,
        href: incubationHref(viewer, r.record_id, `#report-${r.id}`),
      }));
    },
  },
  {
    key: "milestone",
    async load(db, id, viewer) {
      const rows = await db
        .selectFrom("milestones")
        .innerJoin("incubation_records", "incubation_records.id", "milestones.record_id")
        .innerJoin("organisations as incubator", "incubator.id", "incubation_records.incubator_id")
        .select([
          "milestones.id",
          "milestones.record_id",
          "milestones.title",
          "milestones.done_on",
          "incubator.name as incubator",
        ])
        .where("incubation_records.organisation_id", "=", id)
        .where("milestones.done_on", "is not", null)
        .orderBy("milestones.done_on", "desc")
        .limit(PER_SOURCE)
        .execute();
      return rows.map((r) => ({
        source: "milestone" as const,
        date: r.done_on!,
        title: r.title,
        statusKey: null,
        detail: r.incubator,
        href: incubationHref(viewer, r.record_id, ""),
      }));
    },
  },
  {
    key: "hosting",
    async load(db, id, viewer) {
      // An incubator's manager keeps these records; an applicant member of an incubator does not.
      if (!staff(viewer) && viewer.role !== "incubator_manager") return [];
      const rows = await db
        .selectFrom("incubation_records")
        .innerJoin("organisations as startup", "startup.id", "incubation_records.organisation_id")
        .select([
          "incubation_records.id",
          "incubation_records.started_on",
          "incubation_records.status",
          "startup.name as startup",
        ])
        .where("incubation_records.incubator_id", "=", id)
        .orderBy("incubation_records.started_on", "desc")
        .limit(PER_SOURCE)
        .execute();
      return rows.map((r) => ({
        source: "hosting" as const,
        date: r.started_on,
        title: r.startup,
        statusKey: `incubation.statuses.${r.status}`,
        detail: null,
        href: `/staff/incubation/${r.id}`,
      }));
    },
  },
  {
    key: "mentoring",
    async load(db, id, viewer) {
      if (!staff(viewer)) return [];
      const rows = await db
        .selectFrom("incubation_mentors")
        .innerJoin("incubation_records", "incubation_records.id", "incubation_mentors.record_id")
        .innerJoin("organisations as startup", "startup.id", "incubation_records.organisation_id")
        .select(["incubation_records.id", "incubation_mentors.added_at", "startup.name as startup"])
        .where("incubation_mentors.organisation_id", "=", id)
        .orderBy("incubation_mentors.added_at", "desc")
        .limit(PER_SOURCE)
        .execute();
      return rows.map((r) => ({
        source: "mentoring" as const,
        date: r.added_at,
        title: r.startup,
        statusKey: null,
        detail: null,
        href: `/staff/incubation/${r.id}`,
      }));
    },
  },
  {
    key: "dossier",
    async load(db, id, viewer) {
      let query = db
        .selectFrom("support_dossiers")
        .innerJoin("support_types", "support_types.id", "support_dossiers.support_type_id")
        .select([
          "support_dossiers.id",
          "support_dossiers.status",
          "support_dossiers.receipt_number",
          "support_dossiers.submitted_at",
          "support_dossiers.created_at",
          "support_types.name as support",
        ])
        .where("support_dossiers.organisation_id", "=", id);
      if (!viewer.member) query = query.where("support_dossiers.status", "!=", "draft");
      const rows = await query
        .orderBy(sql`coalesce(support_dossiers.submitted_at, support_dossiers.created_at)`, "desc")
        .limit(PER_SOURCE)
        .execute();
      return rows.map((r) => ({
        source: "dossier" as const,
        date: r.submitted_at ?? r.created_at,
        title: r.support,
        statusKey: `sme.statuses.${r.status}`,
        detail: r.receipt_number,
        href: staff(viewer) ? `/staff/sme/${r.id}` : viewer.role === "applicant" ? `/sme/dossiers/${r.id}` : null,
      }));
    },
  },
  // The technology transfer and renovation programme: applications (like dossiers) and participation certificates.
  {
    key: "technology",
    async load(db, id, viewer) {
      let query = db
        .selectFrom("tech_applications")
        .select(["id", "technology", "status", "submitted_at", "created_at"])
        .where("organisation_id", "=", id);
      if (!viewer.member) query = query.where("status", "!=", "draft");
      const rows = await query
        .orderBy(sql`coalesce(submitted_at, created_at)`, "desc")
        .limit(PER_SOURCE)
        .execute();
      return rows.map((r) => ({
        source: "technology" as const,
        date: r.submitted_at ?? r.created_at,
        title: r.technology,
        statusKey: `technology.statuses.${r.status}`,
        detail: null,
        href: staff(viewer)
          ? `/staff/technology/applications/${r.id}`
          : viewer.role === "applicant"
            ? `/technology/applications/${r.id}`
            : null,
      }));
    },
  },
  {
    key: "certificate",
    async load(db, id, viewer) {
      const rows = await db
        .selectFrom("tech_certificates")
        .innerJoin("tech_applications", "tech_applications.id", "tech_certificates.application_id")
        .select([
          "tech_applications.id",
          "tech_applications.technology",
          "tech_certificates.number",
          "tech_certificates.issued_at",
          "tech_certificates.revoked_at",
        ])
        .where("tech_applications.organisation_id", "=", id)
        .orderBy("tech_certificates.issued_at", "desc")
        .limit(PER_SOURCE)
        .execute();
      return rows.map((r) => ({
        source: "certificate" as const,
        date: r.issued_at,
        title: `${r.number} – ${r.technology}`,
        statusKey: r.revoked_at ? "connections.story.revoked" : null,
        detail: null,
        href: staff(viewer)
          ? `/staff/technology/applications/${r.id}`
          : viewer.role === "applicant"
            ? `/technology/applications/${r.id}`
            : null,
      }));
    },
  },
  // What the technology programme did with the enterprise before any application: staff's own working records.
  {
    key: "outreach",
    async load(db, id, viewer) {
      if (!staff(viewer)) return [];
      const rows = await db
        .selectFrom("tech_outreach_recipients")
        .innerJoin("tech_outreach_campaigns", "tech_outreach_campaigns.id", "tech_outreach_recipients.campaign_id")
        .select([
          "tech_outreach_campaigns.id",
          "tech_outreach_campaigns.title",
          "tech_outreach_campaigns.channel",
          "tech_outreach_campaigns.held_on",
          "tech_outreach_campaigns.note",
        ])
        .where("tech_outreach_recipients.organisation_id", "=", id)
        .orderBy("tech_outreach_campaigns.held_on", "desc")
        .limit(PER_SOURCE)
        .execute();
      return rows.map((r) => ({
        source: "outreach" as const,
        date: r.held_on,
        title: r.title,
        statusKey: `technology.channels.${r.channel}`,
        detail: excerpt(r.note),
        href: `/staff/technology/outreach/${r.id}`,
      }));
    },
  },
  {
    // Consultations and meetings, and field visits as a kind of their own on the timeline.
    key: "consultation",
    async load(db, id, viewer) {
      if (!staff(viewer)) return [];
      const rows = await db
        .selectFrom("tech_consultations")
        .select(["id", "kind", "held_on", "staff_names", "findings", "advice"])
        .where("organisation_id", "=", id)
        .orderBy("held_on", "desc")
        .limit(PER_SOURCE)
        .execute();
      return rows.map((r) => ({
        source: r.kind === "field_visit" ? ("field_visit" as const) : ("consultation" as const),
        date: r.held_on,
        title: excerpt(r.findings) ?? "—",
        // A field visit says so in its kind; a consultation's badge tells a meeting at the department apart.
        statusKey: r.kind === "field_visit" ? null : `technology.consultationKinds.${r.kind}`,
        detail: `${r.staff_names} – ${excerpt(r.advice)}`,
        href: `/staff/technology/enterprises/${id}#consultation-${r.id}`,
      }));
    },
  },
  {
    key: "assessment",
    async load(db, id, viewer) {
      if (!staff(viewer)) return [];
      const rows = await db
        .selectFrom("tech_assessments")
        .innerJoin("tech_level_bands", "tech_level_bands.code", "tech_assessments.level_code")
        .select([
          "tech_assessments.id",
          "tech_assessments.year",
          "tech_assessments.assessed_on",
          "tech_assessments.note",
          "tech_level_bands.name as level",
        ])
        .where("tech_assessments.organisation_id", "=", id)
        .orderBy("tech_assessments.assessed_on", "desc")
        .limit(PER_SOURCE)
        .execute();
      return rows.map((r) => ({
        source: "assessment" as const,
        date: r.assessed_on,
        title: `${r.level} (${r.year})`,
        statusKey: null,
        detail: excerpt(r.note),
        href: `/staff/technology/enterprises/${id}#assessment-${r.id}`,
      }));
    },
  },
  {
    key: "event",
    async load(db, id, viewer) {
      const rows = await db
        .selectFrom("connection_events")
        .select([
          "connection_events.id",
          "connection_events.title",
          "connection_events.starts_on",
          "connection_events.place",
        ])
        .where(
          "connection_events.id",
          "in",
          db
            .selectFrom("event_participants")
            .select("event_participants.event_id")
            .where("event_participants.organisation_id", "=", id),
        )
        .orderBy("connection_events.starts_on", "desc")
        .limit(PER_SOURCE)
        .execute();
      return rows.map((r) => ({
        source: "event" as const,
        date: r.starts_on,
        title: r.title,
        statusKey: null,
        detail: r.place,
        href: staff(viewer) ? `/staff/events/${r.id}` : null,
      }));
    },
  },
  {
    key: "organised",
    async load(db, id, viewer) {
      const rows = await db
        .selectFrom("event_organisers")
        .innerJoin("connection_events", "connection_events.id", "event_organisers.event_id")
        .select([
          "connection_events.id",
          "connection_events.title",
          "connection_events.starts_on",
          "event_organisers.role",
        ])
        .where("event_organisers.organisation_id", "=", id)
        .orderBy("connection_events.starts_on", "desc")
        .limit(PER_SOURCE)
        .execute();
      return rows.map((r) => ({
        source: "organised" as const,
        date: r.starts_on,
        title: r.title,
        statusKey: `connections.organiserRoles.${r.role}`,
        detail: null,
        href: staff(viewer) ? `/staff/events/${r.id}` : null,
      }));
    },
  },
  {
    key: "mou",
    async load(db, id, viewer) {
      const rows = await db
        .selectFrom("mou_parties")
        .innerJoin("mous", "mous.id", "mou_parties.mou_id")
        .select(["mous.id", "mous.title", "mous.signed_on", "mous.status"])
        .where("mou_parties.organisation_id", "=", id)
        .orderBy("mous.signed_on", "desc")
        .limit(PER_SOURCE)
        .execute();
      return rows.map((r) => ({
        source: "mou" as const,
        date: r.signed_on,
        title: r.title,
        statusKey: `connections.mouStatuses.${r.status}`,
        detail: null,
        href: staff(viewer) ? `/staff/mous/${r.id}` : null,
      }));
    },
  },
  {
    key: "merge",
    async load(db, id, viewer) {
      if (!staff(viewer)) return [];
      const rows = await db
        .selectFrom("organisation_merges")
        .select(["merged_id", "merged_name", "merged_tax_code", "merged_at"])
        .where("kept_id", "=", id)
        .orderBy("merged_at", "desc")
        .limit(PER_SOURCE)
        .execute();
      return rows.map((r) => ({
        source: "merge" as const,
        date: r.merged_at,
        title: r.merged_name,
        statusKey: null,
        detail: r.merged_tax_code,
        href: null,
      }));
    },
  },
  {
    key: "rename",
    async load(db, id) {
      const rows = await db
        .selectFrom("audit_events")
        .select(["created_at", "before_json", "after_json"])
        .where("entity_type", "=", "organisation")
        .where("entity_id", "=", id)
        .where("action", "=", ORGANISATION_RENAMED)
        .orderBy("created_at", "desc")
        .limit(PER_SOURCE)
        .execute();
      return rows.map((r) => {
        const before = JSON.parse(r.before_json ?? "{}") as { name?: string };
        const after = JSON.parse(r.after_json ?? "{}") as { name?: string; taxCode?: string | null };
        return {
          source: "rename" as const,
          date: r.created_at,
          title: `${before.name ?? "—"} → ${after.name ?? "—"}`,
          statusKey: null,
          detail: after.taxCode ?? null,
          href: null,
        };
      });
    },
  },
];

/**
 * The newest STORY_LIMIT items of every source, newest first (a day counts as the start of that day in the
 * province). The viewer has already been allowed to read the organisation itself.
 */
export async function organisationStory(db: DB, organisationId: string, viewer: StoryViewer): Promise<StoryItem[]> {
  if (!staff(viewer) && !viewer.member) return [];
  const parts = await Promise.all(STORY_SOURCES.map((source) => source.load(db, organisationId, viewer)));
  return parts
    .flat()
    .map((item) => ({ item, at: instantOf(item.date) }))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .slice(0, STORY_LIMIT)
    .map(({ item }) => item);
}

/** A day (a meeting, a visit) as the instant it began in the province, so it sorts among timestamps (a report). */
function instantOf(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? (provinceLocalToIso(`${date}T00:00`) ?? date) : date;
}

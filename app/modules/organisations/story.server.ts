import type { UserRole } from "../../../db/types";
import type { DB } from "../../lib/db.server";
import { awardedEntriesQuery } from "../judging/results.server";

/**
 * The organisation's whole story in the portal: one timeline made of sources, each a query of its own that knows
 * what a viewer may see and where its records live. A new programme is one more entry in STORY_SOURCES (the
 * technology programme's applications and certificates joined that way); nothing else changes. Staff, leaders and admins see every source; a member of
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
  | "event"
  | "organised"
  | "mou"
  | "merge"
  | "rename";

/** The audit action of a change of an organisation's name (e.g. a startup team founded as a registered business). */
export const ORGANISATION_RENAMED = "organisation.renamed";

const staff = (viewer: StoryViewer) => viewer.role === "staff" || viewer.role === "leader" || viewer.role === "admin";
const PER_SOURCE = 100;

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
      const rows = await query.orderBy("competition_entries.created_at", "desc").limit(PER_SOURCE).execute();
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
      const rows = await query.orderBy("prize_awards.created_at", "desc").limit(PER_SOURCE).execute();
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
        href: staff(viewer)
          ? `/staff/incubation/${r.id}`
          : viewer.role === "applicant"
            ? `/my/incubation/${r.id}`
            : null,
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
      const rows = await query.orderBy("support_dossiers.created_at", "desc").limit(PER_SOURCE).execute();
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
      const rows = await query.orderBy("created_at", "desc").limit(PER_SOURCE).execute();
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

/** Every source's items, newest first. The viewer has already been allowed to read the organisation itself. */
export async function organisationStory(db: DB, organisationId: string, viewer: StoryViewer): Promise<StoryItem[]> {
  if (!staff(viewer) && !viewer.member) return [];
  const parts = await Promise.all(STORY_SOURCES.map((source) => source.load(db, organisationId, viewer)));
  return parts.flat().sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

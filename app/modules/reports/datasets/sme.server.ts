/** The SME support figures: dossiers filed in the period, those approved and those paid, each with its amount. */
import { sql } from "kysely";
import type { DB } from "../../../lib/db.server";
import type { Period } from "../period";
import { bounds, NO_PARENT, ORGANISATION, UNRANKED, yearBucket, type DatasetDefinition } from "./definition.server";

/** Dossiers filed in the period (a draft was never filed). */
function dossiersFiled(db: DB, period: Period) {
  const { start, end } = bounds(period, "instant");
  return db
    .selectFrom("support_dossiers as d")
    .where("d.status", "!=", "draft")
    .where("d.submitted_at", ">=", start)
    .where("d.submitted_at", "<", end);
}
type FiledDossiers = ReturnType<typeof dossiersFiled>;
type DossierAmount = "requested_vnd" | "approved_vnd" | "paid_vnd";

function smeDossierRecords(dossiers: FiledDossiers, period: Period, amount: DossierAmount) {
  return dossiers
    .innerJoin("organisations as o", "o.id", "d.organisation_id")
    .innerJoin("support_types as t", "t.id", "d.support_type_id")
    .select([
      "d.id as id",
      NO_PARENT,
      "t.name as title",
      ...ORGANISATION,
      sql<string>`d.submitted_at`.as("happened_on"),
      yearBucket("d.submitted_at", period, "instant").as("year"),
      "d.status as part",
      UNRANKED,
      sql<number | null>`d.${sql.ref(amount)}`.as("amount"),
    ]);
}

/** The figure's columns only, read from the covering index `support_dossiers_report_idx`. */
function smeDossierCounted(dossiers: FiledDossiers, period: Period, amount: DossierAmount) {
  return dossiers.select([
    yearBucket("d.submitted_at", period, "instant").as("year"),
    "d.status as part",
    UNRANKED,
    "d.organisation_id as organisation_id",
    sql<number | null>`d.${sql.ref(amount)}`.as("amount"),
  ]);
}

export const SME_DATASETS = {
  smeDossiers: {
    module: "sme",
    measure: "records",
    amount: "vnd",
    records: (db, period) => smeDossierRecords(dossiersFiled(db, period), period, "requested_vnd"),
    counted: (db, period) => smeDossierCounted(dossiersFiled(db, period), period, "requested_vnd"),
    href: (row) => `/staff/sme/${row.id}`,
  },
  smeApproved: {
    module: "sme",
    measure: "records",
    amount: "vnd",
    records: (db, period) =>
      smeDossierRecords(dossiersFiled(db, period).where("d.approved_vnd", "is not", null), period, "approved_vnd"),
    counted: (db, period) =>
      smeDossierCounted(dossiersFiled(db, period).where("d.approved_vnd", "is not", null), period, "approved_vnd"),
    href: (row) => `/staff/sme/${row.id}`,
  },
  smePaid: {
    module: "sme",
    measure: "records",
    amount: "vnd",
    records: (db, period) =>
      smeDossierRecords(dossiersFiled(db, period).where("d.paid_vnd", "is not", null), period, "paid_vnd"),
    counted: (db, period) =>
      smeDossierCounted(dossiersFiled(db, period).where("d.paid_vnd", "is not", null), period, "paid_vnd"),
    href: (row) => `/staff/sme/${row.id}`,
  },
} satisfies Record<"smeDossiers" | "smeApproved" | "smePaid", DatasetDefinition>;

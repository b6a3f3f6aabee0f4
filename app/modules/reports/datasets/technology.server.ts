/** The technology figures: outreach, consultations, assessments, applications, certificates, and today's pipeline. */
import { sql } from "kysely";
import {
  bounds,
  NO_AMOUNT,
  NO_PARENT,
  ORGANISATION,
  UNRANKED,
  yearBucket,
  type DatasetDefinition,
} from "./definition.server";

export const TECHNOLOGY_DATASETS = {
  techOutreach: {
    module: "technology",
    measure: "organisations",
    amount: null,
    records: (db, period) => {
      const { start, end } = bounds(period, "date");
      return db
        .selectFrom("tech_outreach_recipients as r")
        .innerJoin("tech_outreach_campaigns as c", "c.id", "r.campaign_id")
        .innerJoin("organisations as o", "o.id", "r.organisation_id")
        .where("c.held_on", ">=", start)
        .where("c.held_on", "<", end)
        .select([
          sql<string>`c.id || '/' || o.id`.as("id"),
          "c.id as parent_id",
          "c.title as title",
          ...ORGANISATION,
          "c.held_on as happened_on",
          yearBucket("c.held_on", period, "date").as("year"),
          "c.channel as part",
          UNRANKED,
          NO_AMOUNT,
        ]);
    },
    href: (row) => `/staff/technology/outreach/${row.parent_id}`,
  },
  techConsultations: {
    module: "technology",
    measure: "organisations",
    amount: null,
    records: (db, period) => {
      const { start, end } = bounds(period, "date");
      return db
        .selectFrom("tech_consultations as c")
        .innerJoin("organisations as o", "o.id", "c.organisation_id")
        .where("c.held_on", ">=", start)
        .where("c.held_on", "<", end)
        .select([
          "c.id as id",
          NO_PARENT,
          "c.findings as title",
          ...ORGANISATION,
          "c.held_on as happened_on",
          yearBucket("c.held_on", period, "date").as("year"),
          "c.kind as part",
          UNRANKED,
          NO_AMOUNT,
        ]);
    },
    href: (row) => `/staff/technology/enterprises/${row.organisation_id}`,
  },
  techAssessments: {
    module: "technology",
    measure: "organisations",
    amount: null,
    records: (db, period) => {
      const { start, end } = bounds(period, "date");
      return db
        .selectFrom("tech_assessments as a")
        .innerJoin("organisations as o", "o.id", "a.organisation_id")
        .innerJoin("tech_level_bands as b", "b.code", "a.level_code")
        .where("a.assessed_on", ">=", start)
        .where("a.assessed_on", "<", end)
        .select([
          "a.id as id",
          NO_PARENT,
          "o.name as title",
          ...ORGANISATION,
          "a.assessed_on as happened_on",
          yearBucket("a.assessed_on", period, "date").as("year"),
          "b.name as part",
          "b.rank as part_rank",
          NO_AMOUNT,
        ]);
    },
    href: (row) => `/staff/technology/enterprises/${row.organisation_id}`,
  },
  techApplications: {
    module: "technology",
    measure: "records",
    amount: "vnd",
    records: (db, period) => {
      const { start, end } = bounds(period, "instant");
      return db
        .selectFrom("tech_applications as a")
        .innerJoin("organisations as o", "o.id", "a.organisation_id")
        .where("a.status", "!=", "draft")
        .where("a.submitted_at", ">=", start)
        .where("a.submitted_at", "<", end)
        .select([
          "a.id as id",
          NO_PARENT,
          "a.technology as title",
          ...ORGANISATION,
          sql<string>`a.submitted_at`.as("happened_on"),
          yearBucket("a.submitted_at", period, "instant").as("year"),
          "a.status as part",
          UNRANKED,
          "a.requested_support_vnd as amount",
        ]);
    },
    href: (row) => `/staff/technology/applications/${row.id}`,
  },
  techCertificates: {
    module: "technology",
    measure: "records",
    amount: null,
    records: (db, period) => {
      const { start, end } = bounds(period, "instant");
      return db
        .selectFrom("tech_certificates as c")
        .innerJoin("tech_applications as a", "a.id", "c.application_id")
        .innerJoin("organisations as o", "o.id", "a.organisation_id")
        .where("c.issued_at", ">=", start)
        .where("c.issued_at", "<", end)
        .select([
          "c.id as id",
          "a.id as parent_id",
          sql<string>`c.number || ' – ' || a.technology`.as("title"),
          ...ORGANISATION,
          sql<string>`c.issued_at`.as("happened_on"),
          yearBucket("c.issued_at", period, "instant").as("year"),
          sql<string>`case when c.revoked_at is not null then 'revoked' else coalesce(a.implementation_status, 'none') end`.as(
            "part",
          ),
          UNRANKED,
          NO_AMOUNT,
        ]);
    },
    href: (row) => `/staff/technology/applications/${row.parent_id}`,
  },
  techPipeline: {
    module: "technology",
    measure: "records",
    amount: null,
    snapshot: true,
    records: (db) =>
      db
        .selectFrom("tech_enterprise_stages as s")
        .innerJoin("organisations as o", "o.id", "s.organisation_id")
        .select([
          "o.id as id",
          NO_PARENT,
          "o.name as title",
          ...ORGANISATION,
          sql<string>`s.updated_at`.as("happened_on"),
          sql<number>`0`.as("year"),
          "s.stage as part",
          UNRANKED,
          NO_AMOUNT,
        ]),
    href: (row) => `/staff/technology/enterprises/${row.id}`,
  },
} satisfies Record<
  "techOutreach" | "techConsultations" | "techAssessments" | "techApplications" | "techCertificates" | "techPipeline",
  DatasetDefinition
>;

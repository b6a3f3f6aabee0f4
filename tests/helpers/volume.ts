/**
 * A province's worth of records on top of the demo data (tests/bench/volume.ts, the db:copy round trip): organisations,
 * entries in the 2022 edition and SME support dossiers over four years, each entry and dossier for its own organisation.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/types";
import { searchKey } from "../../app/lib/format";

export type VolumeSizes = { organisations: number; entries: number; dossiers: number };

/** The benchmark's sizes: 50 000 organisations, 5 000 entries in one edition, 10 000 dossiers. */
export const FULL_VOLUME: VolumeSizes = { organisations: 50_000, entries: 5_000, dossiers: 10_000 };

/** Rows per insert: 30 columns × 500 stays under SQLite's 32 766 and PostgreSQL's 65 535 bind parameters. */
const BATCH = 500;

export async function seedVolume(db: Kysely<Database>, sizes: VolumeSizes = FULL_VOLUME): Promise<void> {
  if (sizes.entries > sizes.organisations || sizes.dossiers > sizes.organisations)
    throw new RangeError("every entry and dossier needs its own organisation");
  const now = new Date().toISOString();
  const sectors = ["Nông nghiệp", "Du lịch", "Chế biến thực phẩm", "Công nghệ số", "Thủ công mỹ nghệ"];
  for (let batch = 0; batch * BATCH < sizes.organisations; batch++) {
    await db
      .insertInto("organisations")
      .values(
        Array.from({ length: Math.min(BATCH, sizes.organisations - batch * BATCH) }, (_, i) => {
          const n = batch * BATCH + i;
          const name = `Công ty TNHH Thử nghiệm Quảng Ngãi số ${n}`;
          return {
            id: `bench-org-${n}`,
            name,
            name_search: searchKey(name),
            kind: n % 3 ? "enterprise" : "startup_team",
            tax_code: String(4300000000 + n),
            province: "Quảng Ngãi",
            commune: null,
            old_district: null,
            address_line: null,
            sector: sectors[n % 5],
            founded_on: null,
            email: null,
            phone: null,
            website: null,
            description: null,
            created_at: now,
            updated_at: now,
          };
        }),
      )
      .execute();
  }
  for (let batch = 0; batch * BATCH < sizes.entries; batch++) {
    await db
      .insertInto("competition_entries")
      .values(
        Array.from({ length: Math.min(BATCH, sizes.entries - batch * BATCH) }, (_, i) => {
          const n = batch * BATCH + i;
          const name = `Dự án thử nghiệm số ${n}`;
          return {
            id: `bench-entry-${n}`,
            edition_id: "edition-2022",
            organisation_id: `bench-org-${n}`,
            created_by: "demo-startup",
            category_id: n % 2 ? "edition-2022-cat-project" : "edition-2022-cat-idea",
            status: n % 7 ? ("valid" as const) : ("submitted" as const),
            receipt_seq: 100 + n,
            receipt_number: `KN2022-B${n}`,
            project_name: name,
            name_search: searchKey(name),
            sector: sectors[n % 5],
            summary: null,
            problem: null,
            solution: null,
            market: null,
            business_model: null,
            team_description: null,
            stage: null,
            funding_to_date_vnd: null,
            video_url: null,
            enterprise_registered_on: null,
            residence_province: null,
            consent_at: now,
            submitted_at: now,
            decision_reason: null,
            clarification_fields: null,
            clarification_note: null,
            clarification_until: null,
            created_at: now,
            updated_at: now,
          };
        }),
      )
      .execute();
  }
  const dossierStatuses = [
    "submitted",
    "received",
    "supplement_requested",
    "complete",
    "under_appraisal",
    "proposed",
    "approved",
    "rejected",
    "paid",
    "closed",
  ] as const;
  for (let batch = 0; batch * BATCH < sizes.dossiers; batch++) {
    await db
      .insertInto("support_dossiers")
      .values(
        Array.from({ length: Math.min(BATCH, sizes.dossiers - batch * BATCH) }, (_, i) => {
          const n = batch * BATCH + i;
          const status = dossierStatuses[n % dossierStatuses.length];
          const year = 2022 + (n % 4);
          const day = `${year}-${String(1 + (n % 12)).padStart(2, "0")}-${String(1 + (n % 28)).padStart(2, "0")}`;
          return {
            id: `bench-dossier-${n}`,
            programme_id: "programme-1325",
            support_type_id: "type-digital-solutions",
            organisation_id: `bench-org-${n}`,
            status,
            receipt_seq: 100 + n,
            receipt_number: `DNNVV${year}-B${n}`,
            support_year: year,
            content: "Thuê phần mềm quản lý",
            provider_name: "Công ty phần mềm",
            provider_tax_code: null,
            total_cost_vnd: 40_000_000,
            requested_vnd: 20_000_000,
            months: null,
            enterprise_size: n % 3 ? ("micro" as const) : ("small" as const),
            is_priority: n % 5 === 0 ? 1 : 0,
            proposed_vnd: null,
            approved_vnd: ["approved", "paid", "closed"].includes(status) ? 20_000_000 : null,
            paid_vnd: status === "paid" ? 20_000_000 : null,
            supplement_request: null,
            appraisal_note: null,
            decision_reason: null,
            submitted_at: `${day}T02:00:00.000Z`,
            step_started_on: day,
            complete_on: day,
            due_on: ["approved", "rejected", "paid", "closed"].includes(status) ? null : day,
            created_by: "demo-staff",
            created_at: now,
            updated_at: now,
          };
        }),
      )
      .execute();
  }
}

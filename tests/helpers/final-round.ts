/**
 * For the e2e journeys of judging: a final round on the e2e server's database, made with the app's own commands —
 * a published edition whose call has closed, one final round with the demo judge on its panel (started and
 * assigned), a first and a second prize only, and one valid entry per project.
 */
import type { Kysely } from "kysely";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { Database } from "../../db/types";
import { DEMO } from "./browser";
import { useSuiteDatabase } from "./e2e-database";

export type FinalRound = {
  editionId: string;
  finalRound: string;
  entries: Array<{ id: string; receipt: string; name: string }>;
};

/** On the e2e suite's database, or on `on` (a suite with servers of its own passes its handle). */
export async function finalRoundOf(
  options: { name: string; number: number; prefix: string; projects: ReadonlyArray<{ team: string; name: string }> },
  on?: Kysely<Database>,
): Promise<FinalRound> {
  if (!on) useSuiteDatabase();
  const { closeDb, getDb } = await import("../../app/lib/db.server");
  const { createEdition, removeSetupItem } = await import("../../app/modules/competition/editions.server");
  const { addJudge, autoAssign, startRound } = await import("../../app/modules/judging/commands.server");
  const { searchKey } = await import("../../app/lib/format");
  const db = on ?? getDb();
  const staff = {
    id: "demo-staff",
    email: DEMO.staff,
    fullName: "Trần Thị Thu Hà",
    role: "staff" as const,
    sessionId: "e2e",
  };
  const now = Date.now();
  const editionId = await createEdition(
    db,
    staff,
    {
      name: options.name,
      number: options.number,
      year: 2026,
      registrationOpensAt: new Date(now - 20 * 86_400_000).toISOString(),
      submissionDeadline: new Date(now - 86_400_000).toISOString(),
      maxEnterpriseAgeYears: 5,
      minRepresentativeAge: 18,
      receiptPrefix: options.prefix,
    },
    "127.0.0.1",
  );
  await db.updateTable("competition_editions").set({ status: "published" }).where("id", "=", editionId).execute();
  const rounds = await db
    .selectFrom("competition_rounds")
    .select(["id", "kind"])
    .where("edition_id", "=", editionId)
    .execute();
  // A new edition is at version 1: the version its settings page would carry.
  await removeSetupItem(
    db,
    staff,
    editionId,
    "round",
    rounds.find((r) => r.kind === "preliminary")!.id,
    1,
    "127.0.0.1",
  );
  const finalRound = rounds.find((r) => r.kind === "final")!.id;
  const prizes = await db
    .selectFrom("competition_prizes")
    .select(["id", "rank_label"])
    .where("edition_id", "=", editionId)
    .execute();
  await db
    .deleteFrom("competition_prizes")
    .where(
      "id",
      "in",
      prizes.filter((p) => !["Giải Nhất", "Giải Nhì"].includes(p.rank_label)).map((p) => p.id),
    )
    .execute();
  const category = (
    await db
      .selectFrom("competition_categories")
      .select("id")
      .where("edition_id", "=", editionId)
      .executeTakeFirstOrThrow()
  ).id;
  const entries: FinalRound["entries"] = [];
  for (const [index, project] of options.projects.entries()) {
    const stamp = new Date(now - 2 * 86_400_000).toISOString();
    const id = `${editionId}-e${index + 1}`;
    const receipt = `${options.prefix}-${index + 1}`;
    await db
      .insertInto("competition_entries")
      .values({
        id,
        edition_id: editionId,
        organisation_id: project.team,
        created_by: "demo-startup",
        category_id: category,
        status: "valid",
        receipt_seq: index + 1,
        receipt_number: receipt,
        project_name: project.name,
        name_search: searchKey(project.name),
        sector: "Nông nghiệp",
        summary: "Tóm tắt dự án.",
        problem: "Vấn đề.",
        solution: "Giải pháp.",
        market: "Thị trường.",
        business_model: "Mô hình.",
        team_description: "Đội ngũ.",
        stage: "market",
        funding_to_date_vnd: 0,
        video_url: null,
        enterprise_registered_on: null,
        residence_province: "Quảng Ngãi",
        consent_at: stamp,
        submitted_at: stamp,
        decision_reason: null,
        clarification_fields: null,
        clarification_note: null,
        clarification_until: null,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();
    entries.push({ id, receipt, name: project.name });
  }
  await addJudge(db, staff, finalRound, "demo-judge", "127.0.0.1");
  await startRound(db, staff, finalRound, "127.0.0.1");
  const assigned = await autoAssign(db, staff, finalRound, 1, "127.0.0.1");
  if (!assigned.ok) throw new Error(`assignment failed: ${JSON.stringify(assigned)}`);
  // A PostgreSQL pool left open would outlive the test file (a handle passed in is its owner's to close).
  if (!on) await closeDb();
  return { editionId, finalRound, entries };
}

/** The leader, on an edition's prize page, approves the proposed list and publishes the results (both confirmed). */
export async function approveAndPublish(page: Page): Promise<void> {
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: "Phê duyệt danh sách giải" }).click(),
  ]);
  await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Đã phê duyệt danh sách giải.");
  await page.locator("summary", { hasText: "Công bố kết quả" }).click();
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.locator(".confirm-panel").getByRole("button", { name: "Công bố kết quả" }).click(),
  ]);
  await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Đã công bố kết quả");
}

import { describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { newId, newReadableCode } from "../../app/lib/ids.server";
import * as home from "../../app/routes/_index";
import { call, createOrganisation, createUser, insertEntry, makeRequest } from "../helpers/fixtures";
import { openEdition } from "../helpers/competition";

/** An edition whose results are published, with one entry awarded its first prize. */
async function publishedEdition(project: string, publishedAt: string) {
  const staff = await createUser("staff");
  const editionId = await openEdition(staff, { closed: true });
  const owner = await createUser("applicant");
  const organisationId = await createOrganisation(`Đội ${project}`, [owner.id], "startup_team");
  const entryId = newId();
  const now = new Date().toISOString();
  await insertEntry({
    id: entryId,
    edition_id: editionId,
    organisation_id: organisationId,
    created_by: owner.id,
    status: "awarded",
    receipt_seq: 1,
    receipt_number: `KQ-${entryId.slice(0, 4)}`,
    project_name: project,
    name_search: project.toLowerCase(),
    sector: "Nông nghiệp",
    summary: "Tóm tắt.",
    stage: "prototype",
    residence_province: "Quảng Ngãi",
  });
  const prize = await getDb()
    .selectFrom("competition_prizes")
    .select(["id", "rank_label"])
    .where("edition_id", "=", editionId)
    .orderBy("position")
    .executeTakeFirstOrThrow();
  await getDb()
    .insertInto("prize_awards")
    .values({
      id: newId(),
      edition_id: editionId,
      prize_id: prize.id,
      entry_id: entryId,
      rank: 1,
      change_reason: null,
      verification_code: newReadableCode(),
      created_at: now,
    })
    .execute();
  await getDb()
    .updateTable("competition_editions")
    .set({ results_status: "published", results_published_at: publishedAt })
    .where("id", "=", editionId)
    .execute();
  return { editionId, prize: prize.rank_label };
}

describe("the home page's results block", () => {
  it("shows the published results, latest first, with each winner's prize, project and team", async () => {
    const older = await publishedEdition("Nấm bào ngư sạch", "2022-12-10T03:00:00.000Z");
    const newer = await publishedEdition("Máy sấy nông sản", "2026-11-20T03:00:00.000Z");
    const page = await call(home.loader as never, makeRequest("/"));
    expect(page.status).toBe(200);
    const ids = page.data.results.map((r: { id: string }) => r.id);
    expect(ids.indexOf(newer.editionId)).toBeLessThan(ids.indexOf(older.editionId));
    const newest = page.data.results.find((r: { id: string }) => r.id === newer.editionId);
    expect(newest.awards).toEqual([
      expect.objectContaining({
        rank_label: newer.prize,
        project_name: "Máy sấy nông sản",
        team_name: "Đội Máy sấy nông sản",
      }),
    ]);
  });

  it("does not list an edition with published results among those taking entries", async () => {
    const staff = await createUser("staff");
    const editionId = await openEdition(staff);
    expect(
      (await call(home.loader as never, makeRequest("/"))).data.openEditions.map((e: { id: string }) => e.id),
    ).toContain(editionId);
    await getDb()
      .updateTable("competition_editions")
      .set({ results_status: "published", results_published_at: new Date().toISOString() })
      .where("id", "=", editionId)
      .execute();
    expect(
      (await call(home.loader as never, makeRequest("/"))).data.openEditions.map((e: { id: string }) => e.id),
    ).not.toContain(editionId);
  });
});

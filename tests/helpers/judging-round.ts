import { expect } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { newId } from "../../app/lib/ids.server";
import { addJudge, saveSheet, startRound } from "../../app/modules/judging/commands.server";
import { createOrganisation, createUser, insertEntry, type TestUser } from "./fixtures";
import { actorOf, openEdition } from "./competition";

/**
 * A round being judged: `entries` valid entries (organisations and projects named after a random prefix), `judges`
 * on the panel, started by the app's own commands; assign with autoAssign.
 */
export async function judgingRound(
  staff: TestUser,
  applicant: TestUser,
  options: { entries: number; judges: number; blind?: boolean },
) {
  const prefix = `TB${Math.floor(Math.random() * 1e6)}`;
  const editionId = await openEdition(staff, { prefix, closed: true });
  const db = getDb();
  const round = await db
    .selectFrom("competition_rounds")
    .select(["id", "name"])
    .where("edition_id", "=", editionId)
    .where("position", "=", 1)
    .executeTakeFirstOrThrow();
  await db
    .updateTable("competition_rounds")
    .set({ blind: options.blind ? 1 : 0 })
    .where("id", "=", round.id)
    .execute();
  const projects: string[] = [];
  for (let i = 1; i <= options.entries; i++) {
    const organisationId = await createOrganisation(`Công ty ${prefix} số ${i}`, [applicant.id], "startup_team");
    const project = `Dự án ${prefix} số ${i}`;
    projects.push(project);
    await insertEntry({
      id: newId(),
      edition_id: editionId,
      organisation_id: organisationId,
      created_by: applicant.id,
      receipt_seq: i,
      receipt_number: `${prefix}-${String(i).padStart(4, "0")}`,
      project_name: project,
      sector: "Nông nghiệp",
      summary: "Trồng nấm trên rơm rạ.",
      stage: "prototype",
      residence_province: "Quảng Ngãi",
    });
  }
  const judges = await Promise.all(
    Array.from({ length: options.judges }, (_, i) => createUser("judge", { fullName: `Giám khảo ${prefix} ${i + 1}` })),
  );
  const actor = actorOf(staff);
  for (const judge of judges) expect((await addJudge(db, actor, round.id, judge.id, "127.0.0.1")).ok).toBe(true);
  expect((await startRound(db, actor, round.id, "127.0.0.1")).ok).toBe(true);
  const criteria = await db
    .selectFrom("round_criteria")
    .select(["id"])
    .where("round_id", "=", round.id)
    .orderBy("position")
    .execute();
  return { editionId, roundId: round.id, roundName: round.name, judges, criteria, projects };
}

export const assignmentsOf = (judge: TestUser, roundId: string) =>
  getDb()
    .selectFrom("assignments")
    .select("id")
    .where("judge_id", "=", judge.id)
    .where("round_id", "=", roundId)
    .where("removed_at", "is", null)
    .execute();

/** Submits a sheet scoring 70 on every criterion for each of the judge's assignments in the round. */
export async function submitAll(judge: TestUser, roundId: string, criteria: ReadonlyArray<{ id: string }>) {
  const scores = Object.fromEntries(criteria.map((c) => [c.id, 70]));
  for (const assignment of await assignmentsOf(judge, roundId))
    expect(
      (await saveSheet(getDb(), actorOf(judge), assignment.id, { scores, comments: {} }, true, "127.0.0.1")).ok,
    ).toBe(true);
}

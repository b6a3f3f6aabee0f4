import { describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { addJudge, autoAssign, declareConflict, startRound } from "../../app/modules/judging/commands.server";
import * as competition from "../../app/routes/competitions.$id";
import * as files from "../../app/routes/files.$id";
import * as judgeSheet from "../../app/routes/judging.$assignmentId";
import * as myEntry from "../../app/routes/my.entries.$id";
import { actorOf, openEdition, requirementId } from "../helpers/competition";
import { call, createOrganisation, createUser, makeRequest, TINY_PDF } from "../helpers/fixtures";

/** An entry with its business plan, valid, in a round being judged by one assigned judge; a second judge is not on it. */
async function judgedEntry(options: { blind: boolean }) {
  const staff = await createUser("staff");
  const editionId = await openEdition(staff);
  const applicant = await createUser("applicant");
  await createOrganisation(`Nhóm tài liệu ${applicant.id.slice(0, 6)}`, [applicant.id], "startup_team");
  const started = await call(
    competition.action,
    makeRequest(`/competitions/${editionId}`, { method: "POST", cookie: applicant.cookie }),
    { id: editionId },
  );
  const entryId = started.location!.split("/").pop()!;
  const form = new FormData();
  form.append("purpose", await requirementId(editionId));
  form.append(
    "document",
    new File([new Uint8Array(TINY_PDF)], "Ke hoach - Nhom Tai Lieu.pdf", { type: "application/pdf" }),
  );
  await call(myEntry.action, makeRequest(`/my/entries/${entryId}`, { cookie: applicant.cookie, form }), {
    id: entryId,
  });
  await getDb().updateTable("competition_entries").set({ status: "valid" }).where("id", "=", entryId).execute();
  // The call is over before the round takes the entries.
  await getDb()
    .updateTable("competition_editions")
    .set({ submission_deadline: new Date(Date.now() - 1000).toISOString() })
    .where("id", "=", editionId)
    .execute();
  const round = await getDb()
    .selectFrom("competition_rounds")
    .select("id")
    .where("edition_id", "=", editionId)
    .orderBy("position")
    .executeTakeFirstOrThrow();
  await getDb()
    .updateTable("competition_rounds")
    .set({ blind: options.blind ? 1 : 0 })
    .where("id", "=", round.id)
    .execute();
  const judge = await createUser("judge");
  const outsider = await createUser("judge");
  await addJudge(getDb(), actorOf(staff), round.id, judge.id, "127.0.0.1");
  await startRound(getDb(), actorOf(staff), round.id, "127.0.0.1");
  await autoAssign(getDb(), actorOf(staff), round.id, 1, "127.0.0.1");
  const assignment = await getDb()
    .selectFrom("assignments")
    .select("id")
    .where("judge_id", "=", judge.id)
    .executeTakeFirstOrThrow();
  const attachment = await getDb()
    .selectFrom("attachments")
    .select("id")
    .where("owner_id", "=", entryId)
    .executeTakeFirstOrThrow();
  const organisation = await getDb()
    .selectFrom("competition_entries")
    .select("organisation_id")
    .where("id", "=", entryId)
    .executeTakeFirstOrThrow();
  return {
    judge,
    outsider,
    assignmentId: assignment.id,
    attachmentId: attachment.id,
    organisationId: organisation.organisation_id,
  };
}

describe("an entry's documents for its judges", () => {
  it("lets the assigned judge read the documents, under their name in an open round", async () => {
    const { judge, outsider, assignmentId, attachmentId } = await judgedEntry({ blind: false });
    const page = await call(judgeSheet.loader, makeRequest(`/judging/${assignmentId}`, { cookie: judge.cookie }), {
      assignmentId,
    });
    expect(page.data.documents).toEqual([
      { id: attachmentId, label: "Kế hoạch kinh doanh", name: "Ke hoach - Nhom Tai Lieu.pdf" },
    ]);
    const file = await call(files.loader, makeRequest(`/files/${attachmentId}`, { cookie: judge.cookie }), {
      id: attachmentId,
    });
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Disposition")).toContain(encodeURIComponent("Ke hoach - Nhom Tai Lieu.pdf"));
    expect(
      (
        await call(files.loader, makeRequest(`/files/${attachmentId}`, { cookie: outsider.cookie }), {
          id: attachmentId,
        })
      ).status,
    ).toBe(403);
  });

  it("hides the file names in a blind round", async () => {
    const { judge, assignmentId, attachmentId } = await judgedEntry({ blind: true });
    const page = await call(judgeSheet.loader, makeRequest(`/judging/${assignmentId}`, { cookie: judge.cookie }), {
      assignmentId,
    });
    expect(JSON.stringify(page.data)).not.toContain("Nhom Tai Lieu");
    const file = await call(files.loader, makeRequest(`/files/${attachmentId}`, { cookie: judge.cookie }), {
      id: attachmentId,
    });
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Disposition")).not.toContain("Nhom");
    expect(file.headers.get("Content-Disposition")).toMatch(/tai-lieu-[0-9a-f]{8}\.pdf/);
  });

  it("closes the documents to a judge who declares a conflict", async () => {
    const { judge, attachmentId, organisationId } = await judgedEntry({ blind: false });
    await declareConflict(getDb(), actorOf(judge), organisationId, "Người thân trong nhóm", "127.0.0.1");
    expect(
      (await call(files.loader, makeRequest(`/files/${attachmentId}`, { cookie: judge.cookie }), { id: attachmentId }))
        .status,
    ).toBe(403);
  });
});

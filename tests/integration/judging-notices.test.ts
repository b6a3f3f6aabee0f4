import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { provinceDate } from "../../app/lib/province-time";
import { publicUrl } from "../../app/lib/public-url.server";
import { autoAssign, sendScoringReminders } from "../../app/modules/judging/commands.server";
import { scoringReminderKey } from "../../app/modules/judging/notices.server";
import * as roundPage from "../../app/routes/staff.competitions.$id.rounds.$roundId._index";
import { call, createUser, makeRequest, type TestUser } from "../helpers/fixtures";
import { actorOf } from "../helpers/competition";
import { assignmentsOf, judgingRound, submitAll } from "../helpers/judging-round";

let staff: TestUser;
let applicant: TestUser;

beforeAll(async () => {
  staff = await createUser("staff");
  applicant = await createUser("applicant");
});

const DAY = 86_400_000;
const dateIn = (days: number, from = Date.now()) => provinceDate(new Date(from + days * DAY).toISOString());

const mailTo = (email: string) =>
  getDb().selectFrom("outbox_messages").selectAll().where("to_address", "=", email).orderBy("created_at").execute();
const noticesOf = (userId: string) =>
  getDb().selectFrom("notifications").selectAll().where("user_id", "=", userId).orderBy("created_at").execute();
describe("a judge is told of an assignment", () => {
  it("e-mails and notifies each judge once per assignment run, with how many entries, the deadline and an absolute link", async () => {
    const round = await judgingRound(staff, applicant, { entries: 3, judges: 2 });
    await getDb()
      .updateTable("competition_rounds")
      .set({ ends_on: "2026-12-20" })
      .where("id", "=", round.roundId)
      .execute();
    expect((await autoAssign(getDb(), actorOf(staff), round.roundId, 2, "127.0.0.1")).ok).toBe(true);
    for (const judge of round.judges) {
      const [mail, ...more] = await mailTo(judge.email);
      expect(more).toEqual([]);
      expect(mail.subject).toContain(round.roundName);
      expect(mail.text_body).toContain("3 hồ sơ");
      expect(mail.text_body).toContain("20/12/2026");
      expect(mail.text_body).toContain(publicUrl("/judging"));
      const [notice] = await noticesOf(judge.id);
      expect(notice).toMatchObject({ title: mail.subject, link: "/judging", read_at: null });
    }
    // Assigning again adds nobody, so tells nobody.
    expect(await autoAssign(getDb(), actorOf(staff), round.roundId, 2, "127.0.0.1")).toEqual({
      ok: true,
      added: 0,
      moved: 0,
    });
    for (const judge of round.judges) expect(await mailTo(judge.email)).toHaveLength(1);
  });

  it("never names a blind round's projects in the e-mail", async () => {
    const round = await judgingRound(staff, applicant, { entries: 2, judges: 2, blind: true });
    expect((await autoAssign(getDb(), actorOf(staff), round.roundId, 2, "127.0.0.1")).ok).toBe(true);
    for (const judge of round.judges) {
      const [mail] = await mailTo(judge.email);
      for (const project of round.projects) expect(mail.text_body).not.toContain(project);
    }
  });
});

describe("a judge is told of a reopened sheet", () => {
  it("e-mails and notifies the judge with staff's reason and a link to the sheet", async () => {
    const round = await judgingRound(staff, applicant, { entries: 1, judges: 1 });
    expect((await autoAssign(getDb(), actorOf(staff), round.roundId, 1, "127.0.0.1")).ok).toBe(true);
    const [judge] = round.judges;
    await submitAll(judge, round.roundId, round.criteria);
    const [assignment] = await assignmentsOf(judge, round.roundId);
    const sheet = await getDb()
      .selectFrom("score_sheets")
      .select("id")
      .where("assignment_id", "=", assignment.id)
      .executeTakeFirstOrThrow();
    const url = `/staff/competitions/${round.editionId}/rounds/${round.roundId}`;
    const reopened = await call(
      roundPage.action,
      makeRequest(url, {
        cookie: staff.cookie,
        form: { intent: "reopen", sheetId: sheet.id, reason: "Tiêu chí 2 chấm nhầm thang điểm" },
      }),
      { id: round.editionId, roundId: round.roundId },
    );
    expect(reopened.status).toBe(302);
    const mail = (await mailTo(judge.email)).at(-1)!;
    expect(mail.text_body).toContain("Tiêu chí 2 chấm nhầm thang điểm");
    expect(mail.text_body).toContain(publicUrl(`/judging/${assignment.id}`));
    const notice = (await noticesOf(judge.id)).at(-1)!;
    expect(notice.link).toBe(`/judging/${assignment.id}`);
    expect(notice.body).toContain("Tiêu chí 2 chấm nhầm thang điểm");
  });
});

describe("the reminder before the scoring deadline", () => {
  it("reminds, once per round, only the judges with sheets not submitted, saying how many", async () => {
    const round = await judgingRound(staff, applicant, { entries: 2, judges: 2 });
    expect((await autoAssign(getDb(), actorOf(staff), round.roundId, 2, "127.0.0.1")).ok).toBe(true);
    const [done, late] = round.judges;
    await submitAll(done, round.roundId, round.criteria);
    await getDb()
      .updateTable("competition_rounds")
      .set({ ends_on: dateIn(2) })
      .where("id", "=", round.roundId)
      .execute();
    const before = { done: (await mailTo(done.email)).length, late: (await mailTo(late.email)).length };

    expect(await sendScoringReminders(getDb())).toBeGreaterThanOrEqual(1);
    expect(await mailTo(done.email)).toHaveLength(before.done);
    const reminders = (await mailTo(late.email)).slice(before.late);
    expect(reminders).toHaveLength(1);
    expect(reminders[0].dedupe_key).toBe(scoringReminderKey(round.roundId, late.id));
    expect(reminders[0].text_body).toContain("còn 2 phiếu chấm chưa nộp");
    expect(reminders[0].text_body).toContain(publicUrl("/judging"));
    expect((await noticesOf(late.id)).at(-1)!.body).toContain("2 phiếu");

    // The next hourly run, and the next day's, send nothing more for this round.
    await sendScoringReminders(getDb());
    await sendScoringReminders(getDb(), new Date(Date.now() + DAY).toISOString());
    expect(await mailTo(late.email)).toHaveLength(before.late + 1);
  });

  it("waits until the window opens, and says nothing once the deadline has passed or the round is closed", async () => {
    const round = await judgingRound(staff, applicant, { entries: 1, judges: 1 });
    expect((await autoAssign(getDb(), actorOf(staff), round.roundId, 1, "127.0.0.1")).ok).toBe(true);
    const [judge] = round.judges;
    const count = async () => (await mailTo(judge.email)).filter((m) => m.dedupe_key).length;
    const setDeadline = (endsOn: string) =>
      getDb().updateTable("competition_rounds").set({ ends_on: endsOn }).where("id", "=", round.roundId).execute();

    await setDeadline(dateIn(4));
    await sendScoringReminders(getDb());
    expect(await count()).toBe(0);
    await setDeadline(dateIn(-1));
    await sendScoringReminders(getDb());
    expect(await count()).toBe(0);
    await setDeadline(dateIn(1));
    await getDb().updateTable("competition_rounds").set({ status: "closed" }).where("id", "=", round.roundId).execute();
    await sendScoringReminders(getDb());
    expect(await count()).toBe(0);
    await getDb()
      .updateTable("competition_rounds")
      .set({ status: "judging" })
      .where("id", "=", round.roundId)
      .execute();
    await sendScoringReminders(getDb());
    expect(await count()).toBe(1);
  });
});

describe("the round's scoring deadline", () => {
  it("is set and cleared on the round settings form", async () => {
    const round = await judgingRound(staff, applicant, { entries: 1, judges: 1 });
    const url = `/staff/competitions/${round.editionId}/rounds/${round.roundId}`;
    const post = (form: Record<string, string>) =>
      call(roundPage.action, makeRequest(url, { cookie: staff.cookie, form }), {
        id: round.editionId,
        roundId: round.roundId,
      });
    const settings = {
      intent: "settings",
      aggregation: "mean",
      minScoresToNormalise: "5",
      disagreementThreshold: "25",
      minAverage: "10",
      advancePerCategory: "5",
    };
    const endsOn = async () =>
      (
        await getDb()
          .selectFrom("competition_rounds")
          .select("ends_on")
          .where("id", "=", round.roundId)
          .executeTakeFirstOrThrow()
      ).ends_on;
    expect((await post({ ...settings, endsOn: "2026-12-31" })).status).toBe(302);
    expect(await endsOn()).toBe("2026-12-31");
    const page = await call(roundPage.loader, makeRequest(url, { cookie: staff.cookie }), {
      id: round.editionId,
      roundId: round.roundId,
    });
    expect(page.data.settings.endsOn).toBe("2026-12-31");
    const refused = await post({ ...settings, endsOn: "2026-02-30" });
    expect(refused.status).toBe(400);
    expect(refused.data.errors.endsOn).toBeTruthy();
    expect((await post({ ...settings, endsOn: "" })).status).toBe(302);
    expect(await endsOn()).toBeNull();
  });
});

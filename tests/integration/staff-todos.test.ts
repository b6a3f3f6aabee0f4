import type { ComponentType } from "react";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { newId } from "../../app/lib/ids.server";
import { autoAssign } from "../../app/modules/judging/commands.server";
import * as homePage from "../../app/routes/home";
import * as entriesPage from "../../app/routes/staff.competitions.$id.entries._index";
import * as staffEntry from "../../app/routes/staff.competitions.$id.entries.$entryId";
import * as roundPage from "../../app/routes/staff.competitions.$id.rounds.$roundId._index";
import * as smeDesk from "../../app/routes/staff.sme._index";
import {
  call,
  createOrganisation,
  createUser,
  insertDossier,
  insertEntry,
  makeRequest,
  testContext,
  type TestUser,
} from "../helpers/fixtures";
import { actorOf, openEdition } from "../helpers/competition";
import { judgingRound, submitAll } from "../helpers/judging-round";
import { renderPage, renderWithData } from "../helpers/render-page";
import { createProgramme } from "../helpers/sme";

let staff: TestUser;
let leader: TestUser;
let applicant: TestUser;
let screening: string;
let submitted: string[];
let overdueClarification: string;
let round: Awaited<ReturnType<typeof judgingRound>>;
let proposed: string;
let approved: string;

const day = 86_400_000;
const home = (user: TestUser) => call(homePage.loader, makeRequest("/home", { cookie: user.cookie }));

/** The page a to-do links to, as the user who follows it gets it. */
async function follow(user: TestUser, path: string) {
  const url = new URL(path, "http://localhost");
  const segments = url.pathname.split("/");
  if (url.pathname.startsWith("/staff/sme"))
    return call(smeDesk.loader, makeRequest(path, { cookie: user.cookie }), {});
  if (url.pathname.includes("/rounds/"))
    return call(roundPage.loader, makeRequest(path, { cookie: user.cookie }), {
      id: segments[3],
      roundId: segments[5],
    });
  return call(entriesPage.loader, makeRequest(path, { cookie: user.cookie }), { id: segments[3] });
}

async function entryIn(editionId: string, status: "submitted" | "clarification_requested" | "valid", until?: number) {
  const organisationId = await createOrganisation(`Nhóm ${newId().slice(0, 6)}`, [applicant.id], "startup_team");
  return insertEntry({
    edition_id: editionId,
    organisation_id: organisationId,
    created_by: applicant.id,
    status,
    clarification_until: until === undefined ? null : new Date(Date.now() + until).toISOString(),
    clarification_fields: until === undefined ? null : JSON.stringify(["summary"]),
    clarification_note: until === undefined ? null : "Bổ sung tóm tắt",
  });
}

beforeAll(async () => {
  staff = await createUser("staff");
  leader = await createUser("leader");
  applicant = await createUser("applicant");
  // An edition whose call has closed: three entries to screen, two clarifications (one late), one screened.
  screening = await openEdition(staff, { closed: true });
  submitted = [];
  for (let i = 0; i < 3; i++) submitted.push(await entryIn(screening, "submitted"));
  overdueClarification = await entryIn(screening, "clarification_requested", -day);
  await entryIn(screening, "clarification_requested", 3 * day);
  await entryIn(screening, "valid");
  // An edition whose results are out: its leftover submitted entry is no longer a to-do.
  const finished = await openEdition(staff, { closed: true });
  await entryIn(finished, "submitted");
  await getDb()
    .updateTable("competition_editions")
    .set({ results_status: "published" })
    .where("id", "=", finished)
    .execute();
  // A round being judged: three entries, two judges each, one judge done: three sheets outstanding.
  round = await judgingRound(staff, applicant, { entries: 3, judges: 2 });
  expect((await autoAssign(getDb(), actorOf(staff), round.roundId, 2, "127.0.0.1")).ok).toBe(true);
  await submitAll(round.judges[0], round.roundId, round.criteria);
  // Prize lists: one proposed, one approved (both the leaders').
  proposed = await openEdition(staff, { closed: true });
  approved = await openEdition(staff, { closed: true });
  await getDb()
    .updateTable("competition_editions")
    .set({ results_status: "proposed" })
    .where("id", "=", proposed)
    .execute();
  await getDb()
    .updateTable("competition_editions")
    .set({ results_status: "approved" })
    .where("id", "=", approved)
    .execute();
  // SME dossiers: two filed awaiting receipt (staff), one proposed awaiting a decision (leaders), a draft (nobody's).
  const programme = await createProgramme();
  const enterprise = await createOrganisation("Công ty TNHH Cơ khí Dung Quất", [applicant.id]);
  const dossier = (status: "submitted" | "proposed" | "draft") =>
    insertDossier({
      programme_id: programme.programmeId,
      support_type_id: programme.typeId,
      organisation_id: enterprise,
      created_by: applicant.id,
      status,
      submitted_at: status === "draft" ? null : new Date().toISOString(),
    });
  await dossier("submitted");
  await dossier("submitted");
  await dossier("proposed");
  await dossier("draft");
});

describe("the staff's to-dos on their home", () => {
  it("counts the entries to screen, the clarifications due (the late ones apart), the sheets outstanding and the filed SME dossiers", async () => {
    const page = await home(staff);
    expect(page.status).toBe(200);
    const { todos } = page.data;
    expect(todos.toScreen).toEqual([expect.objectContaining({ editionId: screening, count: 3 })]);
    expect(todos.clarifications).toEqual([expect.objectContaining({ editionId: screening, count: 2, overdue: 1 })]);
    expect(todos.sheets).toEqual([
      expect.objectContaining({ roundId: round.roundId, editionId: round.editionId, count: 3 }),
    ]);
    expect(todos.prizes).toEqual([]);
    expect(todos.sme).toEqual([{ status: "submitted", count: 2 }]);
  });

  it("links each count to a page filtered to exactly the counted records", async () => {
    const { todos } = (await home(staff)).data;
    const html = (
      await renderPage({
        path: "/home",
        component: homePage.default as ComponentType,
        request: makeRequest("/home", { cookie: staff.cookie }),
        loader: homePage.loader,
        context: testContext,
      })
    ).html;
    const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replaceAll("&amp;", "&"));

    const toScreen = `/staff/competitions/${screening}/entries?status=submitted`;
    expect(links).toContain(toScreen);
    const screened = await follow(staff, toScreen);
    expect(screened.data.page.total).toBe(todos.toScreen[0].count);
    expect(screened.data.page.rows.map((r: { id: string }) => r.id).sort()).toEqual([...submitted].sort());

    const clarifications = `/staff/competitions/${screening}/entries?status=clarification_requested`;
    expect(links).toContain(clarifications);
    expect((await follow(staff, clarifications)).data.page.total).toBe(todos.clarifications[0].count);
    const late = `${clarifications}&due=overdue`;
    expect(links).toContain(late);
    const lateRows = (await follow(staff, late)).data.page.rows;
    expect(lateRows.map((r: { id: string }) => r.id)).toEqual([overdueClarification]);

    const sheets = `/staff/competitions/${round.editionId}/rounds/${round.roundId}?sheets=outstanding`;
    expect(links).toContain(sheets);
    const grid = (await follow(staff, sheets)).data;
    const outstanding = grid.shownProgress.reduce(
      (sum: number, row: { assigned: number; submitted: number }) => sum + row.assigned - row.submitted,
      0,
    );
    expect(outstanding).toBe(todos.sheets[0].count);
    expect(grid.totals.assigned - grid.totals.submitted).toBe(todos.sheets[0].count);
    expect(
      grid.shownProgress.every((row: { assigned: number; submitted: number }) => row.assigned > row.submitted),
    ).toBe(true);

    expect(links).toContain("/staff/sme?status=submitted");
    expect((await follow(staff, "/staff/sme?status=submitted")).data.page.total).toBe(2);
  });

  it("counts one fewer entry once one is screened, and drops a round once its last sheets are submitted", async () => {
    const entryId = submitted[0];
    const screenedNow = await call(
      staffEntry.action,
      makeRequest(`/staff/competitions/${screening}/entries/${entryId}`, {
        cookie: staff.cookie,
        form: { event: "mark_valid" },
      }),
      { id: screening, entryId },
    );
    expect(screenedNow.status).toBe(302);
    expect((await home(staff)).data.todos.toScreen).toEqual([expect.objectContaining({ count: 2 })]);
    expect((await follow(staff, `/staff/competitions/${screening}/entries?status=submitted`)).data.page.total).toBe(2);

    await submitAll(round.judges[1], round.roundId, round.criteria);
    expect((await home(staff)).data.todos.sheets).toEqual([]);
    const grid = (
      await follow(staff, `/staff/competitions/${round.editionId}/rounds/${round.roundId}?sheets=outstanding`)
    ).data;
    expect(grid.shownProgress).toEqual([]);
    expect(grid.progress).toHaveLength(3);
  });

  it("gives leaders the prize lists awaiting their approval or publication and the proposed SME dossiers", async () => {
    const { todos } = (await home(leader)).data;
    expect(todos.toScreen).toEqual([]);
    expect(todos.sheets).toEqual([]);
    expect(todos.prizes.map((p: { editionId: string; state: string }) => [p.editionId, p.state]).sort()).toEqual(
      [
        [proposed, "proposed"],
        [approved, "approved"],
      ].sort(),
    );
    expect(todos.sme).toEqual([{ status: "proposed", count: 1 }]);
    expect((await follow(leader, "/staff/sme?status=proposed")).data.page.total).toBe(1);
    const html = (
      await renderPage({
        path: "/home",
        component: homePage.default as ComponentType,
        request: makeRequest("/home", { cookie: leader.cookie }),
        loader: homePage.loader,
        context: testContext,
      })
    ).html;
    expect(html).toContain(`href="/staff/competitions/${proposed}/prizes"`);
    expect(html).toContain("chờ phê duyệt");
  });

  it("shows no to-do block to a startup or a judge", async () => {
    expect((await home(applicant)).data.todos).toBeNull();
    expect((await home(round.judges[0])).data.todos).toBeNull();
    const html = (
      await renderPage({
        path: "/home",
        component: homePage.default as ComponentType,
        request: makeRequest("/home", { cookie: applicant.cookie }),
        loader: homePage.loader,
        context: testContext,
      })
    ).html;
    expect(html).not.toContain("Việc cần làm");
  });

  it("says in one Vietnamese sentence that there is nothing to do", async () => {
    const data = (await home(staff)).data;
    const empty = { toScreen: [], clarifications: [], sheets: [], prizes: [], sme: [], settings: [] };
    const html = await renderWithData(homePage.default as ComponentType, "/home", "/home", { ...data, todos: empty });
    expect(html).toContain("Việc cần làm");
    expect(html).toContain("Hiện không có việc nào cần làm.");
  });
});

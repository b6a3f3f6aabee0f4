import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import * as incubationRecord from "../../app/routes/staff.incubation.$id";
import * as newRecord from "../../app/routes/staff.incubation.new";
import * as smeDossier from "../../app/routes/staff.sme.$id";
import * as smePrint from "../../app/routes/staff.sme.$id_.print";
import {
  call,
  createOrganisation,
  createUser,
  insertDossier,
  makeRequest,
  testContext,
  type TestUser,
} from "../helpers/fixtures";
import { renderPage } from "../helpers/render-page";
import { createProgramme } from "../helpers/sme";

let staff: TestUser;
let manager: TestUser;

beforeAll(async () => {
  staff = await createUser("staff");
  manager = await createUser("incubator_manager");
});

const page = (
  route: typeof incubationRecord | typeof smeDossier | typeof smePrint,
  path: string,
  url: string,
  user: TestUser,
) =>
  renderPage({
    path,
    component: route.default,
    request: makeRequest(url, { cookie: user.cookie }),
    loader: route.loader,
    context: testContext,
  });

describe("an incubation record links to its organisations", () => {
  it("links the startup to its registry page for the department and the incubator to its profile; a manager gets no registry link", async () => {
    const incubator = await createOrganisation("Vườn ươm Liên kết", [manager.id]);
    await getDb()
      .updateTable("organisations")
      .set({ kind: "support_organisation" })
      .where("id", "=", incubator)
      .execute();
    const startup = await createOrganisation("Nhóm Liên kết", [], "startup_team");
    const opened = await call(
      newRecord.action,
      makeRequest("/staff/incubation/new", {
        cookie: staff.cookie,
        form: {
          organisationId: startup,
          incubatorId: incubator,
          startedOn: "2024-01-01",
          plannedEndOn: "2030-12-31",
          reportPeriodMonths: "3",
        },
      }),
    );
    expect(opened.status).toBe(302);
    const recordId = opened.location!.split("/").pop()!;
    const url = `/staff/incubation/${recordId}`;

    const forStaff = await page(incubationRecord, "/staff/incubation/:id", url, staff);
    expect(forStaff.status).toBe(200);
    expect(forStaff.html).toContain(`href="/organisations/${startup}"`);
    expect(forStaff.html).toContain(`href="/staff/incubators/${incubator}"`);

    const forManager = await page(incubationRecord, "/staff/incubation/:id", url, manager);
    expect(forManager.status).toBe(200);
    expect(forManager.html).not.toContain(`href="/organisations/${startup}"`);
    expect(forManager.html).toContain("Nhóm Liên kết");
    expect(forManager.html).toContain(`href="/staff/incubators/${incubator}"`);
  });
});

describe("an optional document not filed is not marked missing", () => {
  it("says 'Không bắt buộc, chưa nộp' for the optional document and 'Còn thiếu' for the required ones, on the page and its print", async () => {
    const programme = await createProgramme({ prefix: "LK" });
    const enterprise = await createOrganisation("Công ty Liên kết");
    const dossierId = await insertDossier({
      programme_id: programme.programmeId,
      support_type_id: programme.typeId,
      organisation_id: enterprise,
      created_by: staff.id,
      status: "submitted",
      submitted_at: new Date().toISOString(),
    });
    for (const [route, path, url] of [
      [smeDossier, "/staff/sme/:id", `/staff/sme/${dossierId}`],
      [smePrint, "/staff/sme/:id/print", `/staff/sme/${dossierId}/print`],
    ] as const) {
      const shown = await page(route, path, url, staff);
      expect(shown.status).toBe(200);
      expect(shown.html.match(/Còn thiếu/g)?.length).toBe(2);
      expect(shown.html.match(/Không bắt buộc, chưa nộp/g)?.length).toBe(1);
    }
  });
});

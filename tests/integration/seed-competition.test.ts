import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/lib/db.server";
import { editionSetup, getEdition } from "../../app/modules/competition/queries.server";
import { eligibilityVerdicts } from "../../app/modules/competition/rules";
import { seedDemoData } from "../../db/seed";

const current = `edition-${new Date().getUTCFullYear()}`;

beforeAll(async () => {
  await seedDemoData(getDb());
});

describe("the seeded competition's proof documents", () => {
  it("asks the current edition for the registration certificate and the ID card as optional proofs of their rules", async () => {
    const { requirements } = await editionSetup(getDb(), current);
    const proofs = requirements
      .filter((r) => r.proves_rule !== null)
      .map(({ label, proves_rule, required, category_id }) => ({ label, proves_rule, required, category_id }));
    expect(proofs).toEqual([
      {
        label: "Giấy chứng nhận đăng ký doanh nghiệp",
        proves_rule: "enterprise_age",
        required: 0,
        category_id: null,
      },
      { label: "Căn cước của người đại diện", proves_rule: "representative_age", required: 0, category_id: null },
    ]);
    // Still one required document: a new entry is complete without its proofs, which show as not yet sent.
    expect(requirements.filter((r) => r.required === 1).map((r) => r.label)).toEqual(["Kế hoạch kinh doanh"]);
    const verdicts = eligibilityVerdicts({
      edition: await getEdition(getDb(), current),
      enterpriseRegisteredOn: "2024-01-15",
      residenceProvince: "Quảng Ngãi",
      representativeBirthDate: "1995-05-20",
      requirements,
      uploads: [],
    });
    expect(verdicts.map((v) => [v.rule, v.proof?.label, v.proof?.required, v.proof?.attachmentId])).toEqual([
      ["enterprise_age", "Giấy chứng nhận đăng ký doanh nghiệp", false, null],
      ["representative_age", "Căn cước của người đại diện", false, null],
    ]);
  });

  it("leaves the 2022 edition, which predates proofs, without any", async () => {
    const { requirements } = await editionSetup(getDb(), "edition-2022");
    expect(requirements.filter((r) => r.proves_rule !== null)).toEqual([]);
  });
});

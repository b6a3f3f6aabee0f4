import { describe, expect, it } from "vitest";
import {
  currentChecks,
  eligibilityVerdicts,
  type EligibilityCheck,
  type EligibilityVerdict,
} from "../../app/modules/competition/rules";

/** 17:00 on 30/09/2022 in Quảng Ngãi. */
const DEADLINE = "2022-09-30T10:00:00.000Z";
const edition = {
  submission_deadline: DEADLINE,
  residency_province: null,
  max_enterprise_age_years: 5,
  min_representative_age: 18,
};
const base = {
  edition,
  enterpriseRegisteredOn: "2020-03-01",
  residenceProvince: "Quảng Ngãi",
  representativeBirthDate: "1990-05-12",
};
const REGISTRATION = {
  id: "req-dkdn",
  label: "Giấy chứng nhận đăng ký doanh nghiệp",
  required: 1,
  category_id: null,
  proves_rule: "enterprise_age" as const,
};
const RESIDENCE = {
  id: "req-cu-tru",
  label: "Giấy xác nhận cư trú",
  required: 0,
  category_id: null,
  proves_rule: "residency" as const,
};
const PLAN = { id: "req-plan", label: "Kế hoạch kinh doanh", required: 1, category_id: null, proves_rule: null };

function verdictOf(verdicts: EligibilityVerdict[], rule: EligibilityVerdict["rule"]) {
  const verdict = verdicts.find((v) => v.rule === rule);
  if (!verdict) throw new Error(`no verdict for ${rule}`);
  return verdict;
}

describe("eligibilityVerdicts", () => {
  it("lists enterprise age and the representative's age, not residency, when the edition sets no province", () => {
    expect(eligibilityVerdicts(base).map((v) => v.rule)).toEqual(["enterprise_age", "representative_age"]);
  });

  it("lists residency, between the two ages, when the edition sets a province", () => {
    const verdicts = eligibilityVerdicts({ ...base, edition: { ...edition, residency_province: "Quảng Ngãi" } });
    expect(verdicts.map((v) => v.rule)).toEqual(["enterprise_age", "residency", "representative_age"]);
    expect(verdictOf(verdicts, "residency")).toMatchObject({
      verdict: "met",
      reason: null,
      fact: { declared: "Quảng Ngãi", required: "Quảng Ngãi" },
    });
  });

  it("meets the enterprise age for a registration on the cut-off day, with the date it was checked against", () => {
    expect(verdictOf(eligibilityVerdicts({ ...base, enterpriseRegisteredOn: "2017-09-30" }), "enterprise_age")).toEqual(
      {
        rule: "enterprise_age",
        verdict: "met",
        reason: null,
        fact: { rule: "enterprise_age", registeredOn: "2017-09-30", earliest: "2017-09-30", years: 5 },
        proof: null,
      },
    );
  });

  it("does not meet it for a registration the day before, with the applicant's problem message", () => {
    expect(
      verdictOf(eligibilityVerdicts({ ...base, enterpriseRegisteredOn: "2017-09-29" }), "enterprise_age"),
    ).toMatchObject({
      verdict: "not_met",
      reason: {
        field: "enterpriseRegisteredOn",
        key: "competition.problems.enterpriseTooOld",
        params: { years: "5", earliest: "30/09/2017" },
      },
    });
  });

  it("cannot tell the enterprise age without a registration date", () => {
    expect(verdictOf(eligibilityVerdicts({ ...base, enterpriseRegisteredOn: null }), "enterprise_age")).toMatchObject({
      verdict: "unknown",
      reason: { key: "entryExtras.eligibility.unknown.enterpriseAge" },
      fact: { registeredOn: null, earliest: "2017-09-30" },
    });
  });

  it("meets the representative's age for one who turns exactly 18 on the deadline day", () => {
    expect(
      verdictOf(eligibilityVerdicts({ ...base, representativeBirthDate: "2004-09-30" }), "representative_age"),
    ).toMatchObject({
      verdict: "met",
      fact: { birthDate: "2004-09-30", ageAtDeadline: 18, minAge: 18, deadlineDate: "2022-09-30" },
    });
  });

  it("does not meet it for one who turns 18 the day after", () => {
    expect(
      verdictOf(eligibilityVerdicts({ ...base, representativeBirthDate: "2004-10-01" }), "representative_age"),
    ).toMatchObject({
      verdict: "not_met",
      reason: { key: "competition.problems.representativeAge", params: { age: "18" } },
      fact: { ageAtDeadline: 17 },
    });
  });

  it("cannot tell the representative's age without a birth date", () => {
    expect(
      verdictOf(eligibilityVerdicts({ ...base, representativeBirthDate: null }), "representative_age"),
    ).toMatchObject({
      verdict: "unknown",
      reason: { key: "competition.problems.representativeBirthDate" },
      fact: { ageAtDeadline: null },
    });
  });

  it("does not meet residency elsewhere and cannot tell it when no province is declared", () => {
    const resident = { ...base, edition: { ...edition, residency_province: "Quảng Ngãi" } };
    expect(verdictOf(eligibilityVerdicts({ ...resident, residenceProvince: "Bình Định" }), "residency")).toMatchObject({
      verdict: "not_met",
      reason: { key: "competition.problems.residency", params: { province: "Quảng Ngãi" } },
    });
    expect(verdictOf(eligibilityVerdicts({ ...resident, residenceProvince: "  " }), "residency")).toMatchObject({
      verdict: "unknown",
      fact: { declared: null },
    });
  });

  it("names the proof document and the latest file uploaded for it", () => {
    const verdicts = eligibilityVerdicts({
      ...base,
      requirements: [PLAN, REGISTRATION],
      uploads: [
        { id: "file-plan", purpose: "req-plan" },
        { id: "file-old", purpose: "req-dkdn" },
        { id: "file-new", purpose: "req-dkdn" },
      ],
    });
    expect(verdictOf(verdicts, "enterprise_age").proof).toEqual({
      requirementId: "req-dkdn",
      label: "Giấy chứng nhận đăng ký doanh nghiệp",
      required: true,
      attachmentId: "file-new",
    });
    expect(verdictOf(verdicts, "representative_age").proof).toBeNull();
  });

  it("says a required proof is missing when no file answers it", () => {
    const verdicts = eligibilityVerdicts({ ...base, requirements: [REGISTRATION], uploads: [] });
    expect(verdictOf(verdicts, "enterprise_age").proof).toMatchObject({ required: true, attachmentId: null });
  });

  it("leaves out a proof kept to another category, as the completeness rule does", () => {
    const verdicts = eligibilityVerdicts({
      ...base,
      edition: { ...edition, residency_province: "Quảng Ngãi" },
      categoryId: "idea",
      requirements: [{ ...RESIDENCE, category_id: "project" }],
    });
    expect(verdictOf(verdicts, "residency").proof).toBeNull();
    const project = eligibilityVerdicts({
      ...base,
      edition: { ...edition, residency_province: "Quảng Ngãi" },
      categoryId: "project",
      requirements: [{ ...RESIDENCE, category_id: "project" }],
    });
    expect(verdictOf(project, "residency").proof).toMatchObject({ label: "Giấy xác nhận cư trú", required: false });
  });
});

describe("currentChecks", () => {
  const verdicts = eligibilityVerdicts({
    ...base,
    requirements: [REGISTRATION, RESIDENCE],
    uploads: [
      { id: "file-old", purpose: "req-dkdn" },
      { id: "file-new", purpose: "req-dkdn" },
    ],
  });
  const checkOf = (attachmentId: string, checkedAt: string, checkedByName = "Phạm Minh Khoa"): EligibilityCheck => ({
    rule: "enterprise_age",
    attachmentId,
    checkedByName,
    checkedAt,
    note: null,
  });

  it("keeps the latest check of the rule's current file", () => {
    const checks = [
      checkOf("file-new", "2022-10-01T02:00:00.000Z"),
      checkOf("file-new", "2022-10-02T02:00:00.000Z", "Lê Thu Hà"),
    ];
    expect(currentChecks(verdicts, checks)).toEqual({ enterprise_age: checks[1] });
  });

  it("does not let a check of the replaced file cover the newer one, nor a rule without a file", () => {
    expect(currentChecks(verdicts, [checkOf("file-old", "2022-10-01T02:00:00.000Z")])).toEqual({});
    expect(
      currentChecks(verdicts, [{ ...checkOf("file-new", "2022-10-01T02:00:00.000Z"), rule: "representative_age" }]),
    ).toEqual({});
  });
});

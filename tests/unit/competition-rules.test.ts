import { describe, expect, it } from "vitest";
import type { Edition, Entry, EntryStatus, UserRole } from "../../db/types";
import {
  ENTRY_FIELDS,
  ENTRY_STATUSES,
  allowedStaffEvents,
  applicantEditability,
  canEditField,
  completenessProblems,
  editionChangeProblems,
  EDITION_PHASES,
  editionPhase,
  phaseAllows,
  readOnlyReason,
  eligibilityProblems,
  enterpriseCutoffDate,
  formatReceiptNumber,
  isSubmissionOpen,
  nextEntryStatus,
  type EntryEvent,
} from "../../app/modules/competition/rules";

const ROLES: UserRole[] = ["applicant", "judge", "staff", "leader", "incubator_manager", "admin"];
const EVENTS: EntryEvent[] = ["submit", "withdraw", "mark_valid", "mark_invalid", "request_clarification"];

/** 17:00 on 30/09/2022 in Quảng Ngãi. */
const DEADLINE = "2022-09-30T10:00:00.000Z";
const OPENS = "2022-07-01T01:00:00.000Z";

type EditionTimes = Pick<Edition, "status" | "registration_opens_at" | "submission_deadline" | "results_status">;
const published: EditionTimes = {
  status: "published",
  registration_opens_at: OPENS,
  submission_deadline: DEADLINE,
  results_status: "none",
};
const draftEdition: EditionTimes = { ...published, status: "draft" };

describe("editionPhase and isSubmissionOpen", () => {
  it("treats an unpublished edition as a draft, even during its call", () => {
    expect(editionPhase(draftEdition, [], "2022-08-15T03:00:00.000Z")).toBe("draft");
    expect(isSubmissionOpen(editionPhase(draftEdition, [], "2022-08-15T03:00:00.000Z"))).toBe(false);
  });

  it("treats an unpublished edition as a draft before and after its call", () => {
    expect(editionPhase(draftEdition, [], "2022-01-01T00:00:00.000Z")).toBe("draft");
    expect(editionPhase(draftEdition, [], "2023-01-01T00:00:00.000Z")).toBe("draft");
  });

  it("is upcoming before registration opens", () => {
    expect(editionPhase(published, [], "2022-07-01T00:59:59.999Z")).toBe("upcoming");
    expect(isSubmissionOpen(editionPhase(published, [], "2022-07-01T00:59:59.999Z"))).toBe(false);
  });

  it("opens at the very instant registration opens", () => {
    expect(editionPhase(published, [], OPENS)).toBe("open");
    expect(isSubmissionOpen(editionPhase(published, [], OPENS))).toBe(true);
  });

  it("is open in the middle of the call", () => {
    expect(editionPhase(published, [], "2022-08-15T03:00:00.000Z")).toBe("open");
  });

  it("accepts a submission in the last millisecond before the deadline", () => {
    expect(editionPhase(published, [], "2022-09-30T09:59:59.999Z")).toBe("open");
    expect(isSubmissionOpen(editionPhase(published, [], "2022-09-30T09:59:59.999Z"))).toBe(true);
  });

  it("is past the call (screening) exactly at the deadline", () => {
    expect(editionPhase(published, [], DEADLINE)).toBe("screening");
    expect(isSubmissionOpen(editionPhase(published, [], DEADLINE))).toBe(false);
  });

  it("is screening after the deadline while no round has started", () => {
    expect(editionPhase(published, [], "2022-09-30T10:00:00.001Z")).toBe("screening");
    expect(isSubmissionOpen(editionPhase(published, [], "2022-10-01T00:00:00.000Z"))).toBe(false);
  });
});

describe("formatReceiptNumber", () => {
  it("pads the sequence to four digits", () => {
    expect(formatReceiptNumber("KN2022", 7)).toBe("KN2022-0007");
  });

  it("keeps a four-digit sequence as is", () => {
    expect(formatReceiptNumber("KN2022", 1234)).toBe("KN2022-1234");
  });

  it("does not cut a sequence longer than four digits", () => {
    expect(formatReceiptNumber("KN2022", 12345)).toBe("KN2022-12345");
  });
});

describe("nextEntryStatus", () => {
  // Every allowed [from, event, role] → to; everything else must be null.
  const allowed: Array<[EntryStatus, EntryEvent, UserRole, EntryStatus]> = [
    ["draft", "submit", "applicant", "submitted"],
    ["clarification_requested", "submit", "applicant", "submitted"],
    ["draft", "withdraw", "applicant", "withdrawn"],
    ["submitted", "withdraw", "applicant", "withdrawn"],
    ["clarification_requested", "withdraw", "applicant", "withdrawn"],
    ...(["staff", "admin"] as const).flatMap(
      (role): Array<[EntryStatus, EntryEvent, UserRole, EntryStatus]> => [
        ["submitted", "mark_valid", role, "valid"],
        ["invalid", "mark_valid", role, "valid"],
        ["submitted", "mark_invalid", role, "invalid"],
        ["valid", "mark_invalid", role, "invalid"],
        ["submitted", "request_clarification", role, "clarification_requested"],
        ["valid", "request_clarification", role, "clarification_requested"],
        ["invalid", "request_clarification", role, "clarification_requested"],
      ],
    ),
  ];

  it.each(allowed)("moves %s on %s by a %s to %s", (from, event, role, to) => {
    expect(nextEntryStatus(from, event, role)).toBe(to);
  });

  it.each<[string, EntryStatus, EntryEvent, UserRole]>([
    ["staff cannot submit on the applicant's behalf", "draft", "submit", "staff"],
    ["an admin cannot submit on the applicant's behalf", "draft", "submit", "admin"],
    ["an applicant cannot mark their own entry valid", "submitted", "mark_valid", "applicant"],
    ["an applicant cannot mark an entry invalid", "submitted", "mark_invalid", "applicant"],
    ["an applicant cannot request clarification", "submitted", "request_clarification", "applicant"],
    ["a leader cannot mark an entry valid", "submitted", "mark_valid", "leader"],
    ["a judge cannot mark an entry valid", "submitted", "mark_valid", "judge"],
    ["an incubator manager cannot mark an entry valid", "submitted", "mark_valid", "incubator_manager"],
    ["a leader cannot request clarification", "submitted", "request_clarification", "leader"],
    ["staff cannot withdraw an entry", "submitted", "withdraw", "staff"],
    ["staff cannot mark a draft valid", "draft", "mark_valid", "staff"],
    ["staff cannot mark a draft invalid", "draft", "mark_invalid", "staff"],
    ["staff cannot mark a valid entry valid again", "valid", "mark_valid", "staff"],
    ["staff cannot mark an invalid entry invalid again", "invalid", "mark_invalid", "staff"],
    ["staff cannot request clarification on a draft", "draft", "request_clarification", "staff"],
    ["staff cannot request clarification twice", "clarification_requested", "request_clarification", "staff"],
    ["staff cannot screen an entry awaiting clarification", "clarification_requested", "mark_valid", "staff"],
    ["an applicant cannot withdraw a valid entry", "valid", "withdraw", "applicant"],
    ["an applicant cannot withdraw an invalid entry", "invalid", "withdraw", "applicant"],
    ["an applicant cannot withdraw a finalist", "finalist", "withdraw", "applicant"],
    ["an applicant cannot withdraw twice", "withdrawn", "withdraw", "applicant"],
    ["an applicant cannot submit a withdrawn entry", "withdrawn", "submit", "applicant"],
    ["an applicant cannot submit twice", "submitted", "submit", "applicant"],
    ["an applicant cannot resubmit an invalid entry", "invalid", "submit", "applicant"],
    ["staff cannot screen a withdrawn entry", "withdrawn", "mark_valid", "staff"],
    ["staff cannot screen an entry already in a round", "in_round", "mark_invalid", "staff"],
    ["staff cannot reopen an awarded entry", "awarded", "request_clarification", "admin"],
    ["staff cannot screen an entry that was not awarded", "not_awarded", "mark_valid", "admin"],
  ])("refuses: %s", (_rule, from, event, role) => {
    expect(nextEntryStatus(from, event, role)).toBeNull();
  });

  it("allows exactly the listed transitions over every status × event × role", () => {
    const expected = new Map(allowed.map(([from, event, role, to]) => [`${from}|${event}|${role}`, to]));
    const actual = new Map<string, EntryStatus>();
    for (const status of ENTRY_STATUSES)
      for (const event of EVENTS)
        for (const role of ROLES) {
          const next = nextEntryStatus(status, event, role);
          if (next !== null) actual.set(`${status}|${event}|${role}`, next);
        }
    expect(actual).toEqual(expected);
    expect(actual.size).toBe(19);
  });

  it("knows all ten entry statuses", () => {
    expect([...ENTRY_STATUSES].sort()).toEqual([
      "awarded",
      "clarification_requested",
      "draft",
      "finalist",
      "in_round",
      "invalid",
      "not_awarded",
      "submitted",
      "valid",
      "withdrawn",
    ]);
  });
});

describe("allowedStaffEvents", () => {
  it("offers every screening action on a submitted entry", () => {
    expect(allowedStaffEvents("submitted", "staff")).toEqual(["mark_valid", "mark_invalid", "request_clarification"]);
  });

  it("offers marking invalid or asking for clarification on a valid entry", () => {
    expect(allowedStaffEvents("valid", "staff")).toEqual(["mark_invalid", "request_clarification"]);
  });

  it("offers marking valid or asking for clarification on an invalid entry", () => {
    expect(allowedStaffEvents("invalid", "admin")).toEqual(["mark_valid", "request_clarification"]);
  });

  it.each<EntryStatus>([
    "draft",
    "clarification_requested",
    "withdrawn",
    "in_round",
    "finalist",
    "awarded",
    "not_awarded",
  ])("offers nothing on a %s entry", (status) => {
    expect(allowedStaffEvents(status, "staff")).toEqual([]);
  });

  it.each<UserRole>(["applicant", "judge", "leader", "incubator_manager"])("offers nothing to a %s", (role) => {
    expect(allowedStaffEvents("submitted", role)).toEqual([]);
  });

  it("gives an admin the same actions as staff", () => {
    for (const status of ENTRY_STATUSES)
      expect(allowedStaffEvents(status, "admin")).toEqual(allowedStaffEvents(status, "staff"));
  });
});

describe("the edition's phase decides what it allows", () => {
  const duringCall = "2022-08-15T03:00:00.000Z";
  const afterCall = "2022-10-15T03:00:00.000Z";

  it("takes no entry once a round has started, even before its deadline", () => {
    expect(editionPhase(published, [{ status: "judging" }, { status: "setup" }], duringCall)).toBe("judging");
    expect(phaseAllows("judging", "start_entry")).toBe(false);
    expect(phaseAllows("judging", "submit")).toBe(false);
  });

  it("shows the results once they are published, whatever the deadline says", () => {
    expect(editionPhase({ ...published, results_status: "published" }, [{ status: "closed" }], duringCall)).toBe(
      "results",
    );
    expect(editionPhase({ ...published, results_status: "approved" }, [{ status: "closed" }], afterCall)).toBe(
      "judging",
    );
    for (const action of ["start_entry", "submit", "answer_clarification", "start_round"] as const)
      expect(phaseAllows("results", action)).toBe(false);
  });

  it("starts a round only after the call: while screening, or for a later round while judging", () => {
    expect(phaseAllows("open", "start_round")).toBe(false);
    expect(phaseAllows("upcoming", "start_round")).toBe(false);
    expect(phaseAllows("draft", "start_round")).toBe(false);
    expect(editionPhase(published, [{ status: "setup" }], afterCall)).toBe("screening");
    expect(phaseAllows("screening", "start_round")).toBe(true);
    expect(phaseAllows("judging", "start_round")).toBe(true);
  });

  it("takes entries only while open, and answers to a clarification until the rounds take the entries", () => {
    expect(EDITION_PHASES.filter((phase) => phaseAllows(phase, "start_entry"))).toEqual(["open"]);
    expect(EDITION_PHASES.filter((phase) => phaseAllows(phase, "answer_clarification"))).toEqual(["open", "screening"]);
  });
});

describe("applicantEditability and canEditField", () => {
  type EntryState = Pick<Entry, "status" | "clarification_fields" | "clarification_until">;
  const duringCall = "2022-08-15T03:00:00.000Z";
  const draft: EntryState = { status: "draft", clarification_fields: null, clarification_until: null };
  const clarification: EntryState = {
    status: "clarification_requested",
    clarification_fields: JSON.stringify(["summary", "documents", "notAField", "__proto__"]),
    clarification_until: "2022-10-10T10:00:00.000Z",
  };

  it("lets the applicant edit every field of a draft during the open call", () => {
    const editability = applicantEditability(draft, editionPhase(published, [], duringCall), duringCall);
    expect(editability).toEqual({ editable: true, fields: "all" });
    for (const field of ENTRY_FIELDS) expect(canEditField(editability, field)).toBe(true);
  });

  it("lets the applicant edit a draft in the last millisecond before the deadline", () => {
    expect(
      applicantEditability(draft, editionPhase(published, [], "2022-09-30T09:59:59.999Z"), "2022-09-30T09:59:59.999Z"),
    ).toEqual({ editable: true, fields: "all" });
  });

  it("freezes a draft at the deadline", () => {
    expect(applicantEditability(draft, editionPhase(published, [], DEADLINE), DEADLINE)).toEqual({ editable: false });
  });

  it("freezes a draft after the deadline", () => {
    const editability = applicantEditability(
      draft,
      editionPhase(published, [], "2022-10-01T00:00:00.000Z"),
      "2022-10-01T00:00:00.000Z",
    );
    expect(editability).toEqual({ editable: false });
    expect(canEditField(editability, "projectName")).toBe(false);
  });

  it("does not let a draft be edited before the call opens", () => {
    expect(
      applicantEditability(draft, editionPhase(published, [], "2022-06-30T00:00:00.000Z"), "2022-06-30T00:00:00.000Z"),
    ).toEqual({ editable: false });
  });

  it("does not let a draft of an unpublished edition be edited", () => {
    expect(applicantEditability(draft, editionPhase(draftEdition, [], duringCall), duringCall)).toEqual({
      editable: false,
    });
  });

  it("freezes a submitted entry, even while the call is open", () => {
    const editability = applicantEditability(
      { ...draft, status: "submitted" },
      editionPhase(published, [], duringCall),
      duringCall,
    );
    expect(editability).toEqual({ editable: false });
    expect(canEditField(editability, "summary")).toBe(false);
  });

  it.each<EntryStatus>(["valid", "invalid", "withdrawn", "in_round", "finalist", "awarded", "not_awarded"])(
    "freezes a %s entry",
    (status) => {
      expect(applicantEditability({ ...draft, status }, editionPhase(published, [], duringCall), duringCall)).toEqual({
        editable: false,
      });
    },
  );

  it("reopens only the named fields while a clarification is open, after the deadline, dropping unknown names", () => {
    const editability = applicantEditability(
      clarification,
      editionPhase(published, [], "2022-10-05T03:00:00.000Z"),
      "2022-10-05T03:00:00.000Z",
    );
    expect(editability).toEqual({ editable: true, fields: ["summary", "documents"] });
    expect(canEditField(editability, "summary")).toBe(true);
    expect(canEditField(editability, "documents")).toBe(true);
    expect(canEditField(editability, "projectName")).toBe(false);
    expect(canEditField(editability, "members")).toBe(false);
  });

  it("reopens the named fields in the last millisecond before clarification_until", () => {
    expect(
      applicantEditability(
        clarification,
        editionPhase(published, [], "2022-10-10T09:59:59.999Z"),
        "2022-10-10T09:59:59.999Z",
      ),
    ).toEqual({ editable: true, fields: ["summary", "documents"] });
  });

  it("closes a clarification exactly at clarification_until", () => {
    expect(
      applicantEditability(
        clarification,
        editionPhase(published, [], "2022-10-10T10:00:00.000Z"),
        "2022-10-10T10:00:00.000Z",
      ),
    ).toEqual({ editable: false });
  });

  it("closes a clarification after clarification_until", () => {
    const editability = applicantEditability(
      clarification,
      editionPhase(published, [], "2022-10-11T00:00:00.000Z"),
      "2022-10-11T00:00:00.000Z",
    );
    expect(editability).toEqual({ editable: false });
    expect(canEditField(editability, "summary")).toBe(false);
  });

  it("does not reopen anything for a clarification without a time limit", () => {
    expect(
      applicantEditability(
        { ...clarification, clarification_until: null },
        editionPhase(published, [], "2022-10-05T03:00:00.000Z"),
        "2022-10-05T03:00:00.000Z",
      ),
    ).toEqual({ editable: false });
  });

  it("reopens no field when none was named", () => {
    const editability = applicantEditability(
      { ...clarification, clarification_fields: null },
      editionPhase(published, [], "2022-10-05T03:00:00.000Z"),
      "2022-10-05T03:00:00.000Z",
    );
    expect(editability).toEqual({ editable: true, fields: [] });
    expect(canEditField(editability, "summary")).toBe(false);
  });
});

describe("enterpriseCutoffDate", () => {
  it("is the same calendar day five years before a 17:00 deadline", () => {
    expect(enterpriseCutoffDate(DEADLINE, 5)).toBe("2017-09-30");
  });

  it("counts from the province's date when the UTC deadline is already the next day in Vietnam", () => {
    expect(enterpriseCutoffDate("2022-09-30T18:00:00.000Z", 5)).toBe("2017-10-01");
  });

  it("is 1 March for a 29 February deadline five years on: the period from 28/02/2019 ended on 28/02/2024 (Civil Code arts. 147–148)", () => {
    expect(enterpriseCutoffDate("2024-02-29T10:00:00.000Z", 5)).toBe("2019-03-01");
  });

  it("keeps 29 February when the cutoff year is a leap year", () => {
    expect(enterpriseCutoffDate("2024-02-29T10:00:00.000Z", 4)).toBe("2020-02-29");
  });

  it("crosses into the next year in the province on 31/12 late evening UTC", () => {
    expect(enterpriseCutoffDate("2022-12-31T17:00:00.000Z", 3)).toBe("2020-01-01");
  });
});

describe("eligibilityProblems", () => {
  const edition = {
    submission_deadline: DEADLINE,
    residency_province: null,
    max_enterprise_age_years: 5,
    min_representative_age: 18,
  };
  const base = {
    edition,
    enterpriseRegisteredOn: null,
    residenceProvince: null,
    representativeBirthDate: "1990-05-12",
    otherLiveEntryOfTeam: false,
  };

  it("finds nothing wrong with an idea team (no registration date) and an adult representative", () => {
    expect(eligibilityProblems(base)).toEqual([]);
  });

  it("accepts an enterprise registered on the cutoff date", () => {
    expect(eligibilityProblems({ ...base, enterpriseRegisteredOn: "2017-09-30" })).toEqual([]);
  });

  it("accepts an enterprise registered after the cutoff date", () => {
    expect(eligibilityProblems({ ...base, enterpriseRegisteredOn: "2021-01-15" })).toEqual([]);
  });

  it("refuses an enterprise registered one day before the cutoff date", () => {
    expect(eligibilityProblems({ ...base, enterpriseRegisteredOn: "2017-09-29" })).toEqual([
      {
        field: "enterpriseRegisteredOn",
        key: "competition.problems.enterpriseTooOld",
        params: { years: "5", earliest: "30/09/2017" },
      },
    ]);
  });

  it("refuses, for a deadline on 29/02/2024, an enterprise registered on 28/02/2019 and accepts one of 01/03/2019", () => {
    const leapDeadline = { ...edition, submission_deadline: "2024-02-29T10:00:00.000Z" };
    expect(eligibilityProblems({ ...base, edition: leapDeadline, enterpriseRegisteredOn: "2019-02-28" })).toEqual([
      {
        field: "enterpriseRegisteredOn",
        key: "competition.problems.enterpriseTooOld",
        params: { years: "5", earliest: "01/03/2019" },
      },
    ]);
    expect(eligibilityProblems({ ...base, edition: leapDeadline, enterpriseRegisteredOn: "2019-03-01" })).toEqual([]);
  });

  it("names the edition's own limit in the enterprise-age problem", () => {
    const threeYears = { ...edition, max_enterprise_age_years: 3 };
    expect(eligibilityProblems({ ...base, edition: threeYears, enterpriseRegisteredOn: "2019-09-29" })).toEqual([
      {
        field: "enterpriseRegisteredOn",
        key: "competition.problems.enterpriseTooOld",
        params: { years: "3", earliest: "30/09/2019" },
      },
    ]);
    expect(eligibilityProblems({ ...base, edition: threeYears, enterpriseRegisteredOn: "2019-09-30" })).toEqual([]);
  });

  it("does not check residency when the edition admits anyone", () => {
    expect(eligibilityProblems({ ...base, residenceProvince: "Hà Nội" })).toEqual([]);
    expect(eligibilityProblems({ ...base, residenceProvince: null })).toEqual([]);
  });

  describe("when the edition sets a residency province", () => {
    const resident = { ...base, edition: { ...edition, residency_province: "Quảng Ngãi" } };
    const residencyProblem = {
      field: "residenceProvince",
      key: "competition.problems.residency",
      params: { province: "Quảng Ngãi" },
    };

    it("accepts an entrant residing in that province", () => {
      expect(eligibilityProblems({ ...resident, residenceProvince: "Quảng Ngãi" })).toEqual([]);
    });

    it("matches the province regardless of case and surrounding spaces", () => {
      expect(eligibilityProblems({ ...resident, residenceProvince: "  QUẢNG NGÃI " })).toEqual([]);
      expect(eligibilityProblems({ ...resident, residenceProvince: "quảng ngãi" })).toEqual([]);
    });

    it("refuses an entrant residing elsewhere", () => {
      expect(eligibilityProblems({ ...resident, residenceProvince: "Đà Nẵng" })).toEqual([residencyProblem]);
    });

    it("refuses an entrant who gave no province", () => {
      expect(eligibilityProblems({ ...resident, residenceProvince: null })).toEqual([residencyProblem]);
      expect(eligibilityProblems({ ...resident, residenceProvince: "   " })).toEqual([residencyProblem]);
    });
  });

  it("allows one live entry per team", () => {
    expect(eligibilityProblems({ ...base, otherLiveEntryOfTeam: true })).toEqual([
      { field: "_form", key: "competition.problems.oneEntryPerTeam" },
    ]);
  });

  it("accepts a representative who turns 18 on the deadline day", () => {
    expect(eligibilityProblems({ ...base, representativeBirthDate: "2004-09-30" })).toEqual([]);
  });

  it("refuses a representative who turns 18 the day after the deadline", () => {
    expect(eligibilityProblems({ ...base, representativeBirthDate: "2004-10-01" })).toEqual([
      { field: "members", key: "competition.problems.representativeAge", params: { age: "18" } },
    ]);
  });

  it("counts the representative's age on the province's date of the deadline", () => {
    // 18:00 UTC on 30/09 is already 01/10 in Quảng Ngãi.
    const lateDeadline = { ...edition, submission_deadline: "2022-09-30T18:00:00.000Z" };
    expect(eligibilityProblems({ ...base, edition: lateDeadline, representativeBirthDate: "2004-10-01" })).toEqual([]);
  });

  it("asks for the representative's birth date when it is missing", () => {
    expect(eligibilityProblems({ ...base, representativeBirthDate: null })).toEqual([
      { field: "members", key: "competition.problems.representativeBirthDate" },
    ]);
  });

  it("lists every problem at once, in a fixed order", () => {
    expect(
      eligibilityProblems({
        edition: { ...edition, residency_province: "Quảng Ngãi" },
        enterpriseRegisteredOn: "2010-01-01",
        residenceProvince: "Bình Định",
        representativeBirthDate: "2010-01-01",
        otherLiveEntryOfTeam: true,
      }).map((p) => p.key),
    ).toEqual([
      "competition.problems.enterpriseTooOld",
      "competition.problems.residency",
      "competition.problems.oneEntryPerTeam",
      "competition.problems.representativeAge",
    ]);
  });
});

describe("completenessProblems", () => {
  const entry = {
    project_name: "Nước mắm Sa Huỳnh truy xuất nguồn gốc",
    category_id: "cat-project",
    summary: "Tóm tắt",
    problem: "Vấn đề",
    solution: "Giải pháp",
    market: "Thị trường",
    business_model: "Mô hình kinh doanh",
    team_description: "Đội ngũ",
    stage: "prototype",
  };
  const representative = { is_representative: 1, email: "lan@example.vn", phone: "0905123456" };
  const member = { is_representative: 0, email: null, phone: null };
  const requiredDocuments = [
    { id: "req-plan", label: "Kế hoạch kinh doanh", category_id: null },
    { id: "req-deck", label: "Bài thuyết trình (pitch deck)", category_id: null },
    { id: "req-photos", label: "Hình ảnh sản phẩm", category_id: "cat-project" },
    { id: "req-idea", label: "Mô tả ý tưởng", category_id: "cat-idea" },
  ];
  const complete = {
    entry,
    members: [representative, member],
    requiredDocuments,
    uploadedPurposes: new Set(["req-plan", "req-deck", "req-photos"]),
    consent: true,
  };

  it("finds nothing missing in a complete entry", () => {
    expect(completenessProblems(complete)).toEqual([]);
  });

  it.each<[keyof typeof entry, string]>([
    ["project_name", "projectName"],
    ["summary", "summary"],
    ["problem", "problem"],
    ["solution", "solution"],
    ["market", "market"],
    ["business_model", "businessModel"],
    ["team_description", "teamDescription"],
    ["stage", "stage"],
  ])("names a missing %s by its form field %s", (column, field) => {
    expect(completenessProblems({ ...complete, entry: { ...entry, [column]: null } })).toEqual([
      { field, key: "competition.problems.missing" },
    ]);
  });

  it("treats a blank text field as missing", () => {
    expect(completenessProblems({ ...complete, entry: { ...entry, summary: "  \n " } })).toEqual([
      { field: "summary", key: "competition.problems.missing" },
    ]);
    expect(completenessProblems({ ...complete, entry: { ...entry, project_name: "" } })).toEqual([
      { field: "projectName", key: "competition.problems.missing" },
    ]);
  });

  it("names a missing category by categoryId and asks for no category-specific document", () => {
    expect(completenessProblems({ ...complete, entry: { ...entry, category_id: null } })).toEqual([
      { field: "categoryId", key: "competition.problems.missing" },
    ]);
  });

  it("asks for at least one member", () => {
    expect(completenessProblems({ ...complete, members: [] })).toEqual([
      { field: "members", key: "competition.problems.noMembers" },
    ]);
  });

  it("asks for exactly one representative, not two", () => {
    expect(
      completenessProblems({ ...complete, members: [representative, { ...representative, email: "nam@example.vn" }] }),
    ).toEqual([{ field: "members", key: "competition.problems.oneRepresentative" }]);
  });

  it("asks for a representative when there is none", () => {
    expect(completenessProblems({ ...complete, members: [member] })).toEqual([
      { field: "members", key: "competition.problems.oneRepresentative" },
    ]);
  });

  it("asks for the representative's phone", () => {
    expect(completenessProblems({ ...complete, members: [{ ...representative, phone: null }, member] })).toEqual([
      { field: "members", key: "competition.problems.representativeContact" },
    ]);
  });

  it("asks for the representative's email", () => {
    expect(completenessProblems({ ...complete, members: [{ ...representative, email: "" }] })).toEqual([
      { field: "members", key: "competition.problems.representativeContact" },
    ]);
  });

  it("does not ask for a required document of another category", () => {
    // req-idea belongs to the idea category and was never uploaded.
    expect(completenessProblems(complete).filter((p) => p.field === "documents")).toEqual([]);
  });

  it("asks for a required document of the entry's own category", () => {
    expect(completenessProblems({ ...complete, uploadedPurposes: new Set(["req-plan", "req-deck"]) })).toEqual([
      { field: "documents", key: "competition.problems.missingDocument", params: { label: "Hình ảnh sản phẩm" } },
    ]);
  });

  it("names each missing document by its label", () => {
    expect(completenessProblems({ ...complete, uploadedPurposes: new Set(["req-photos"]) })).toEqual([
      { field: "documents", key: "competition.problems.missingDocument", params: { label: "Kế hoạch kinh doanh" } },
      {
        field: "documents",
        key: "competition.problems.missingDocument",
        params: { label: "Bài thuyết trình (pitch deck)" },
      },
    ]);
  });

  it("asks for consent", () => {
    expect(completenessProblems({ ...complete, consent: false })).toEqual([
      { field: "consent", key: "errors.consentRequired" },
    ]);
  });

  it("lists every problem of an empty draft at once", () => {
    const empty = {
      project_name: "",
      category_id: null,
      summary: null,
      problem: null,
      solution: null,
      market: null,
      business_model: null,
      team_description: null,
      stage: null,
    };
    expect(
      completenessProblems({
        entry: empty,
        members: [],
        requiredDocuments,
        uploadedPurposes: new Set<string>(),
        consent: false,
      }),
    ).toEqual([
      { field: "categoryId", key: "competition.problems.missing" },
      { field: "projectName", key: "competition.problems.missing" },
      { field: "summary", key: "competition.problems.missing" },
      { field: "problem", key: "competition.problems.missing" },
      { field: "solution", key: "competition.problems.missing" },
      { field: "market", key: "competition.problems.missing" },
      { field: "businessModel", key: "competition.problems.missing" },
      { field: "teamDescription", key: "competition.problems.missing" },
      { field: "stage", key: "competition.problems.missing" },
      { field: "members", key: "competition.problems.noMembers" },
      { field: "documents", key: "competition.problems.missingDocument", params: { label: "Kế hoạch kinh doanh" } },
      {
        field: "documents",
        key: "competition.problems.missingDocument",
        params: { label: "Bài thuyết trình (pitch deck)" },
      },
      { field: "consent", key: "errors.consentRequired" },
    ]);
  });
});

describe("editionChangeProblems", () => {
  const before = {
    submission_deadline: DEADLINE,
    max_enterprise_age_years: 5,
    min_representative_age: 18,
    residency_province: null,
  };
  const deadlineEarlier = { field: "submissionDeadline", key: "competition.problems.deadlineEarlier" };
  const rulesLocked = { field: "_form", key: "competition.problems.rulesLocked" };

  it("allows any change while no entry has been submitted", () => {
    expect(
      editionChangeProblems({
        submittedEntries: 0,
        before,
        after: {
          submission_deadline: "2022-08-01T10:00:00.000Z",
          max_enterprise_age_years: 1,
          min_representative_age: 30,
          residency_province: "Quảng Ngãi",
        },
      }),
    ).toEqual([]);
  });

  it("allows saving an unchanged edition with submitted entries", () => {
    expect(editionChangeProblems({ submittedEntries: 3, before, after: { ...before } })).toEqual([]);
  });

  it("refuses moving the deadline earlier once entries are submitted", () => {
    expect(
      editionChangeProblems({
        submittedEntries: 1,
        before,
        after: { ...before, submission_deadline: "2022-09-30T09:59:00.000Z" },
      }),
    ).toEqual([deadlineEarlier]);
  });

  it("allows moving the deadline later once entries are submitted", () => {
    expect(
      editionChangeProblems({
        submittedEntries: 1,
        before,
        after: { ...before, submission_deadline: "2022-10-15T10:00:00.000Z" },
      }),
    ).toEqual([]);
  });

  it("refuses lowering the maximum enterprise age once entries are submitted", () => {
    expect(
      editionChangeProblems({ submittedEntries: 1, before, after: { ...before, max_enterprise_age_years: 4 } }),
    ).toEqual([rulesLocked]);
  });

  it("allows raising the maximum enterprise age once entries are submitted", () => {
    expect(
      editionChangeProblems({ submittedEntries: 1, before, after: { ...before, max_enterprise_age_years: 7 } }),
    ).toEqual([]);
  });

  it("refuses raising the minimum representative age once entries are submitted", () => {
    expect(
      editionChangeProblems({ submittedEntries: 1, before, after: { ...before, min_representative_age: 21 } }),
    ).toEqual([rulesLocked]);
  });

  it("allows lowering the minimum representative age once entries are submitted", () => {
    expect(
      editionChangeProblems({ submittedEntries: 1, before, after: { ...before, min_representative_age: 16 } }),
    ).toEqual([]);
  });

  it("refuses setting a residency province once entries are submitted", () => {
    expect(
      editionChangeProblems({ submittedEntries: 1, before, after: { ...before, residency_province: "Quảng Ngãi" } }),
    ).toEqual([rulesLocked]);
  });

  it("refuses changing the residency province once entries are submitted", () => {
    const local = { ...before, residency_province: "Quảng Ngãi" };
    expect(
      editionChangeProblems({
        submittedEntries: 1,
        before: local,
        after: { ...local, residency_province: "Bình Định" },
      }),
    ).toEqual([rulesLocked]);
  });

  it("treats an empty residency province like none", () => {
    expect(
      editionChangeProblems({ submittedEntries: 1, before, after: { ...before, residency_province: "" } }),
    ).toEqual([]);
  });

  it("reports an earlier deadline and tightened rules together", () => {
    expect(
      editionChangeProblems({
        submittedEntries: 2,
        before,
        after: { ...before, submission_deadline: "2022-09-01T10:00:00.000Z", max_enterprise_age_years: 3 },
      }),
    ).toEqual([deadlineEarlier, rulesLocked]);
  });

  it("allows removing the residency restriction once entries are submitted", () => {
    const local = { ...before, residency_province: "Quảng Ngãi" };
    expect(
      editionChangeProblems({ submittedEntries: 1, before: local, after: { ...local, residency_province: null } }),
    ).toEqual([]);
  });

  it("allows correcting the residency province's capitalisation", () => {
    const local = { ...before, residency_province: "quảng ngãi" };
    expect(
      editionChangeProblems({
        submittedEntries: 1,
        before: local,
        after: { ...local, residency_province: "Quảng Ngãi" },
      }),
    ).toEqual([]);
  });
});

describe("readOnlyReason: one true sentence per state of a read-only entry", () => {
  it("says a draft past its deadline was never submitted, not that it is under review", () => {
    expect(readOnlyReason("draft", "screening")).toBe("draftClosed");
    expect(readOnlyReason("draft", "judging")).toBe("draftClosed");
    expect(readOnlyReason("draft", "upcoming")).toBe("notOpen");
  });

  it("says an awarded entry won and a not-awarded one did not, once published", () => {
    expect(readOnlyReason("awarded", "results")).toBe("awarded");
    expect(readOnlyReason("not_awarded", "results")).toBe("notAwarded");
  });

  it("says a submitted entry is under review, and being judged once its rounds start", () => {
    expect(readOnlyReason("submitted", "screening")).toBe("underReview");
    expect(readOnlyReason("valid", "judging")).toBe("judging");
    expect(readOnlyReason("in_round", "judging")).toBe("judging");
    expect(readOnlyReason("invalid", "screening")).toBe("invalid");
    expect(readOnlyReason("clarification_requested", "screening")).toBe("clarificationClosed");
    expect(readOnlyReason("withdrawn", "screening")).toBeNull();
  });
});

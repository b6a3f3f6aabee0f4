/**
 * The competition's rules, pure: eligibility, completeness, the edition's phases and the entry's state machine.
 * Decisions: README D9 (the entry state machine), D20 (periods), D38 (one phase rule for an edition).
 */
import type { EligibilityRule, Edition, Entry, EntryStatus, RoundStatus, UserRole } from "../../../db/types";
import { earliestWithinYearsBefore, isWithinYearsBefore } from "../../lib/periods";
import type { Problem } from "../../lib/outcome";
import { stateMachine } from "../../lib/state-machine";
import { fullYearsBetween, provinceDate } from "../../lib/province-time";

// Other areas still import the type from here while they move to lib/outcome.
export type { Problem } from "../../lib/outcome";

export const ENTRY_STATUSES = [
  "draft",
  "submitted",
  "clarification_requested",
  "valid",
  "invalid",
  "withdrawn",
  "in_round",
  "finalist",
  "awarded",
  "not_awarded",
] as const satisfies readonly EntryStatus[];

/**
 * Where an edition stands: not published (draft), before its call (upcoming), taking entries (open), past the
 * deadline with no round started (screening), a round started (judging), its results published (results).
 * The later facts win over the clock: an edition whose rounds are judged takes no entry, whatever its deadline.
 */
export type EditionPhase = "draft" | "upcoming" | "open" | "screening" | "judging" | "results";
export const EDITION_PHASES = [
  "draft",
  "upcoming",
  "open",
  "screening",
  "judging",
  "results",
] as const satisfies readonly EditionPhase[];

export type EditionClock = Pick<Edition, "status" | "registration_opens_at" | "submission_deadline" | "results_status">;

/** The phase of an edition at an instant; the deadline itself is already past. */
export function editionPhase(
  edition: EditionClock,
  rounds: readonly { status: RoundStatus }[],
  now: string,
): EditionPhase {
  if (edition.status !== "published") return "draft";
  if (edition.results_status === "published") return "results";
  if (rounds.some((round) => round.status !== "setup")) return "judging";
  if (now < edition.registration_opens_at) return "upcoming";
  if (now < edition.submission_deadline) return "open";
  return "screening";
}

export type PhaseAction = "start_entry" | "submit" | "answer_clarification" | "start_round";

const PHASE_ALLOWS: Record<PhaseAction, readonly EditionPhase[]> = {
  start_entry: ["open"],
  submit: ["open"],
  // A clarification asked during screening is answered before the rounds take the entries.
  answer_clarification: ["open", "screening"],
  // The first round takes the entries once the call is over; later rounds follow while judging.
  start_round: ["screening", "judging"],
};

/** Whether an edition in this phase allows the action (the one rule the server and the pages follow). */
export function phaseAllows(phase: EditionPhase, action: PhaseAction): boolean {
  return PHASE_ALLOWS[action].includes(phase);
}

/** Why an applicant's action is refused in this phase (the message key). */
export function phaseRefusal(phase: EditionPhase): string {
  if (phase === "judging") return "competition.problems.judgingStarted";
  if (phase === "results") return "competition.problems.resultsPublished";
  if (phase === "upcoming" || phase === "draft") return "competition.problems.notOpenYet";
  return "competition.problems.deadlinePassed";
}

export function isSubmissionOpen(phase: EditionPhase): boolean {
  return phaseAllows(phase, "submit");
}

export function formatReceiptNumber(prefix: string, sequence: number): string {
  return `${prefix}-${String(sequence).padStart(4, "0")}`;
}

export const ENTRY_EVENTS = ["submit", "withdraw", "mark_valid", "mark_invalid", "request_clarification"] as const;
export type EntryEvent = (typeof ENTRY_EVENTS)[number];

/** Who acts on an entry: the applicant who filed it, or DOST staff screening it (an admin counts as staff). */
type EntryActor = "applicant" | "staff" | "other";

function entryActor(role: UserRole): EntryActor {
  if (role === "applicant") return "applicant";
  return role === "staff" || role === "admin" ? "staff" : "other";
}

// The judging moves entries on (in_round, finalist, awarded…) by the round's outcome, not by these events.
const entryMachine = stateMachine<EntryStatus, EntryEvent, EntryActor, never, unknown>(
  ENTRY_EVENTS,
  {
    submit: { from: ["draft", "clarification_requested"], to: "submitted", by: "applicant" },
    withdraw: { from: ["draft", "submitted", "clarification_requested"], to: "withdrawn", by: "applicant" },
    mark_valid: { from: ["submitted", "invalid"], to: "valid", by: "staff" },
    mark_invalid: { from: ["submitted", "valid"], to: "invalid", by: "staff" },
    request_clarification: { from: ["submitted", "valid", "invalid"], to: "clarification_requested", by: "staff" },
  },
  {},
);

/** The one state machine of an entry (D9): the next status, or null when the event is not allowed. */
export function nextEntryStatus(current: EntryStatus, event: EntryEvent, role: UserRole): EntryStatus | null {
  const result = entryMachine.next(current, event, entryActor(role), undefined);
  return result.ok ? result.status : null;
}

/** The events a page may offer this role on an entry in this status. */
export function allowedEntryEvents(current: EntryStatus, role: UserRole): EntryEvent[] {
  return entryMachine.allowed(current, entryActor(role));
}

/** The screening events staff may take on an entry (nothing for anyone else). */
export function allowedStaffEvents(current: EntryStatus, role: UserRole): EntryEvent[] {
  return entryActor(role) === "staff" ? allowedEntryEvents(current, role) : [];
}

/** The entry's own fields an applicant writes; staff can reopen a subset for clarification. */
export const ENTRY_FIELDS = [
  "projectName",
  "categoryId",
  "sector",
  "summary",
  "problem",
  "solution",
  "market",
  "businessModel",
  "teamDescription",
  "stage",
  "fundingToDate",
  "videoUrl",
  "enterpriseRegisteredOn",
  "residenceProvince",
  "members",
  "documents",
] as const;
export type EntryField = (typeof ENTRY_FIELDS)[number];

export type Editability = { editable: false } | { editable: true; fields: readonly EntryField[] | "all" };

/** What the applicant may change now: a draft while the call is open; named fields while a clarification is open. */
export function applicantEditability(
  entry: Pick<Entry, "status" | "clarification_fields" | "clarification_until">,
  phase: EditionPhase,
  now: string,
): Editability {
  if (entry.status === "draft" && isSubmissionOpen(phase)) return { editable: true, fields: "all" };
  if (
    entry.status === "clarification_requested" &&
    phaseAllows(phase, "answer_clarification") &&
    entry.clarification_until &&
    now < entry.clarification_until
  ) {
    return { editable: true, fields: clarificationFieldsOf(entry.clarification_fields) };
  }
  return { editable: false };
}

export type ReadOnlyReason =
  | "notOpen"
  | "draftClosed"
  | "underReview"
  | "clarificationClosed"
  | "invalid"
  | "judging"
  | "awarded"
  | "notAwarded";

/** Why an entry the applicant cannot change is read-only, in one true sentence per state (none for a withdrawn one). */
export function readOnlyReason(status: EntryStatus, phase: EditionPhase): ReadOnlyReason | null {
  switch (status) {
    case "draft":
      return phase === "draft" || phase === "upcoming" ? "notOpen" : "draftClosed";
    case "submitted":
    case "valid":
      return phase === "judging" ? "judging" : "underReview";
    case "clarification_requested":
      return "clarificationClosed";
    case "invalid":
      return "invalid";
    case "in_round":
    case "finalist":
      return "judging";
    case "awarded":
      return "awarded";
    case "not_awarded":
      return "notAwarded";
    case "withdrawn":
      return null;
  }
}

/** The fields a clarification reopened, from the stored JSON; anything unreadable reopens nothing. */
export function clarificationFieldsOf(stored: string | null): EntryField[] {
  try {
    const parsed: unknown = JSON.parse(stored ?? "[]");
    return Array.isArray(parsed)
      ? parsed.filter((f): f is EntryField => (ENTRY_FIELDS as readonly string[]).includes(f))
      : [];
  } catch {
    return [];
  }
}

export function canEditField(editability: Editability, field: EntryField): boolean {
  return editability.editable && (editability.fields === "all" || editability.fields.includes(field));
}

/**
 * The earliest first-registration date still "no more than N years" before the deadline, on the province's calendar
 * (`earliestWithinYearsBefore`, Civil Code arts. 147–148): for a deadline on 30/09/2022 and 5 years, an enterprise
 * registered on 30/09/2017 is eligible, one of 29/09/2017 is not; for a deadline on 29/02/2024, 01/03/2019.
 */
export function enterpriseCutoffDate(deadlineIso: string, years: number): string {
  return earliestWithinYearsBefore(provinceDate(deadlineIso), years);
}

function sameProvince(a: string, b: string): boolean {
  const key = (text: string) => text.normalize("NFC").trim().toLowerCase();
  return key(a) === key(b);
}

type EligibilityInput = {
  edition: Pick<
    Edition,
    "submission_deadline" | "residency_province" | "max_enterprise_age_years" | "min_representative_age"
  >;
  enterpriseRegisteredOn: string | null;
  residenceProvince: string | null;
  representativeBirthDate: string | null;
  otherLiveEntryOfTeam: boolean;
};

/** The rules a document can prove, in the order they are checked and shown. */
export const ELIGIBILITY_RULES = [
  "enterprise_age",
  "residency",
  "representative_age",
] as const satisfies readonly EligibilityRule[];
export type { EligibilityRule } from "../../../db/types";

/** Met, not met, or unknown because the entry lacks the fact the rule is checked against. */
export type Verdict = "met" | "not_met" | "unknown";

/** What a rule was checked against: the entry's fact and the edition's limit (ISO dates, shown by the page). */
export type EligibilityFact =
  | { rule: "enterprise_age"; registeredOn: string | null; earliest: string; years: number }
  | { rule: "residency"; declared: string | null; required: string }
  | {
      rule: "representative_age";
      birthDate: string | null;
      ageAtDeadline: number | null;
      minAge: number;
      deadlineDate: string;
    };

/** The document the edition asks as proof of a rule, and the entry's latest file for it (null: none uploaded). */
export type EligibilityProof = { requirementId: string; label: string; required: boolean; attachmentId: string | null };

export type EligibilityVerdict = {
  rule: EligibilityRule;
  verdict: Verdict;
  /** Why it is not met or unknown, as the applicant's problem message; null when met. */
  reason: Problem | null;
  fact: EligibilityFact;
  /** Null when no requirement of the edition proves the rule for the entry's category. */
  proof: EligibilityProof | null;
};

type VerdictInput = Omit<EligibilityInput, "otherLiveEntryOfTeam"> & {
  categoryId?: string | null;
  requirements?: ReadonlyArray<{
    id: string;
    label: string;
    required: number;
    category_id: string | null;
    proves_rule: EligibilityRule | null;
  }>;
  /** The entry's files in upload order (the latest for a requirement is its proof). */
  uploads?: ReadonlyArray<{ id: string; purpose: string | null }>;
};

function proofOf(input: VerdictInput, rule: EligibilityRule): EligibilityProof | null {
  // A requirement kept to another category is not asked of this entry, as in completenessProblems.
  const requirement = input.requirements?.find(
    (r) => r.proves_rule === rule && (!r.category_id || r.category_id === input.categoryId),
  );
  if (!requirement) return null;
  const files = (input.uploads ?? []).filter((u) => u.purpose === requirement.id);
  return {
    requirementId: requirement.id,
    label: requirement.label,
    required: requirement.required === 1,
    attachmentId: files.length ? files[files.length - 1].id : null,
  };
}

/**
 * Each eligibility rule that applies to the edition (residency only when it sets a province), judged on the entry's
 * facts with the document that proves it: what staff screen against and what `eligibilityProblems` enforces on submit.
 * An enterprise age is checked from the first registration (Circular 01/2018/TT-BKHCN, Civil Code arts. 147–148),
 * the representative's age in full years on the province's date of the deadline.
 */
export function eligibilityVerdicts(input: VerdictInput): EligibilityVerdict[] {
  const { edition } = input;
  const deadlineDate = provinceDate(edition.submission_deadline);
  const verdicts: EligibilityVerdict[] = [];
  const registeredOn = input.enterpriseRegisteredOn || null;
  const earliest = enterpriseCutoffDate(edition.submission_deadline, edition.max_enterprise_age_years);
  const enterpriseMet =
    registeredOn !== null && isWithinYearsBefore(registeredOn, deadlineDate, edition.max_enterprise_age_years);
  verdicts.push({
    rule: "enterprise_age",
    verdict: registeredOn === null ? "unknown" : enterpriseMet ? "met" : "not_met",
    reason:
      registeredOn === null
        ? { field: "enterpriseRegisteredOn", key: "entryExtras.eligibility.unknown.enterpriseAge" }
        : enterpriseMet
          ? null
          : {
              field: "enterpriseRegisteredOn",
              key: "competition.problems.enterpriseTooOld",
              params: {
                years: String(edition.max_enterprise_age_years),
                earliest: earliest.split("-").reverse().join("/"),
              },
            },
    fact: { rule: "enterprise_age", registeredOn, earliest, years: edition.max_enterprise_age_years },
    proof: proofOf(input, "enterprise_age"),
  });
  if (edition.residency_province) {
    const declared = input.residenceProvince?.trim() ? input.residenceProvince.trim() : null;
    const met = declared !== null && sameProvince(declared, edition.residency_province);
    verdicts.push({
      rule: "residency",
      verdict: declared === null ? "unknown" : met ? "met" : "not_met",
      reason:
        declared === null
          ? { field: "residenceProvince", key: "entryExtras.eligibility.unknown.residency" }
          : met
            ? null
            : {
                field: "residenceProvince",
                key: "competition.problems.residency",
                params: { province: edition.residency_province },
              },
      fact: { rule: "residency", declared, required: edition.residency_province },
      proof: proofOf(input, "residency"),
    });
  }
  const birthDate = input.representativeBirthDate || null;
  const age = birthDate ? fullYearsBetween(birthDate, edition.submission_deadline) : null;
  verdicts.push({
    rule: "representative_age",
    verdict: age === null ? "unknown" : age >= edition.min_representative_age ? "met" : "not_met",
    reason:
      age === null
        ? { field: "members", key: "competition.problems.representativeBirthDate" }
        : age >= edition.min_representative_age
          ? null
          : {
              field: "members",
              key: "competition.problems.representativeAge",
              params: { age: String(edition.min_representative_age) },
            },
    fact: {
      rule: "representative_age",
      birthDate,
      ageAtDeadline: age,
      minAge: edition.min_representative_age,
      deadlineDate,
    },
    proof: proofOf(input, "representative_age"),
  });
  return verdicts;
}

/** The verdicts of a stored entry: its own facts, its representative's birth date, the edition's proofs and its files. */
export function entryVerdicts(input: {
  edition: VerdictInput["edition"];
  entry: Pick<Entry, "enterprise_registered_on" | "residence_province" | "category_id">;
  members: ReadonlyArray<{ is_representative: number; birth_date: string | null }>;
  requirements: NonNullable<VerdictInput["requirements"]>;
  uploads: NonNullable<VerdictInput["uploads"]>;
}): EligibilityVerdict[] {
  return eligibilityVerdicts({
    edition: input.edition,
    enterpriseRegisteredOn: input.entry.enterprise_registered_on,
    residenceProvince: input.entry.residence_province,
    representativeBirthDate: input.members.find((m) => m.is_representative === 1)?.birth_date ?? null,
    categoryId: input.entry.category_id,
    requirements: input.requirements,
    uploads: input.uploads,
  });
}

/** Staff's record that a proof file was checked against its fact, with the checker's name. */
export type EligibilityCheck = {
  rule: EligibilityRule;
  attachmentId: string;
  checkedByName: string;
  checkedAt: string;
  note: string | null;
};

/**
 * Each rule's check of its current proof file (the latest check of it), or null: a check of an older file does not
 * cover a newer upload, and a rule without a file has nothing to check.
 */
export function currentChecks(
  verdicts: readonly EligibilityVerdict[],
  checks: readonly EligibilityCheck[],
): Partial<Record<EligibilityRule, EligibilityCheck>> {
  const current: Partial<Record<EligibilityRule, EligibilityCheck>> = {};
  for (const verdict of verdicts) {
    const file = verdict.proof?.attachmentId;
    if (!file) continue;
    const latest = checks
      .filter((c) => c.rule === verdict.rule && c.attachmentId === file)
      .reduce<EligibilityCheck | null>((last, c) => (!last || c.checkedAt >= last.checkedAt ? c : last), null);
    if (latest) current[verdict.rule] = latest;
  }
  return current;
}

/** What a verdict refuses on submit: a rule not met; an unknown residency or birth date too (an idea team has no registration). */
function submissionProblemOf(verdict: EligibilityVerdict, edition: EligibilityInput["edition"]): Problem | null {
  if (verdict.verdict === "met") return null;
  if (verdict.verdict === "not_met") return verdict.reason;
  if (verdict.rule === "residency")
    return {
      field: "residenceProvince",
      key: "competition.problems.residency",
      params: { province: edition.residency_province ?? "" },
    };
  return verdict.rule === "representative_age" ? verdict.reason : null;
}

/**
 * The competition's eligibility rules, shown to the applicant before submitting and enforced on submit:
 * an enterprise at most N years from first registration at the deadline (Circular 01/2018/TT-BKHCN),
 * residency only when the edition sets it, one live entry per team, a representative of legal age.
 */
export function eligibilityProblems(input: EligibilityInput): Problem[] {
  const verdicts = eligibilityVerdicts(input);
  const problemOf = (rule: EligibilityRule) => {
    const verdict = verdicts.find((v) => v.rule === rule);
    return verdict ? submissionProblemOf(verdict, input.edition) : null;
  };
  return [
    problemOf("enterprise_age"),
    problemOf("residency"),
    input.otherLiveEntryOfTeam ? { field: "_form", key: "competition.problems.oneEntryPerTeam" } : null,
    problemOf("representative_age"),
  ].filter((problem): problem is Problem => problem !== null);
}

type CompletenessInput = {
  entry: Pick<
    Entry,
    | "project_name"
    | "category_id"
    | "summary"
    | "problem"
    | "solution"
    | "market"
    | "business_model"
    | "team_description"
    | "stage"
  >;
  members: Array<{ is_representative: number; email: string | null; phone: string | null }>;
  requiredDocuments: Array<{ id: string; label: string; category_id: string | null }>;
  uploadedPurposes: ReadonlySet<string>;
  consent: boolean;
};

/** Everything missing before an entry can be submitted, each named by its field. */
export function completenessProblems(input: CompletenessInput): Problem[] {
  const problems: Problem[] = [];
  const { entry } = input;
  const text: Array<[keyof typeof entry, string]> = [
    ["project_name", "projectName"],
    ["summary", "summary"],
    ["problem", "problem"],
    ["solution", "solution"],
    ["market", "market"],
    ["business_model", "businessModel"],
    ["team_description", "teamDescription"],
    ["stage", "stage"],
  ];
  if (!entry.category_id) problems.push({ field: "categoryId", key: "competition.problems.missing" });
  for (const [column, field] of text)
    if (!entry[column]?.toString().trim()) problems.push({ field, key: "competition.problems.missing" });
  const representatives = input.members.filter((m) => m.is_representative === 1);
  if (input.members.length === 0) problems.push({ field: "members", key: "competition.problems.noMembers" });
  else if (representatives.length !== 1)
    problems.push({ field: "members", key: "competition.problems.oneRepresentative" });
  else if (!representatives[0].email || !representatives[0].phone)
    problems.push({ field: "members", key: "competition.problems.representativeContact" });
  for (const requirement of input.requiredDocuments) {
    if (requirement.category_id && requirement.category_id !== entry.category_id) continue;
    if (!input.uploadedPurposes.has(requirement.id))
      problems.push({
        field: "documents",
        key: "competition.problems.missingDocument",
        params: { label: requirement.label },
      });
  }
  if (!input.consent) problems.push({ field: "consent", key: "errors.consentRequired" });
  return problems;
}

/** Rules an edition's set-up must keep once entries have been submitted. */
export function editionChangeProblems(input: {
  submittedEntries: number;
  before: Pick<
    Edition,
    "submission_deadline" | "max_enterprise_age_years" | "min_representative_age" | "residency_province"
  >;
  after: Pick<
    Edition,
    "submission_deadline" | "max_enterprise_age_years" | "min_representative_age" | "residency_province"
  >;
}): Problem[] {
  if (input.submittedEntries === 0) return [];
  const problems: Problem[] = [];
  const { before, after } = input;
  if (after.submission_deadline < before.submission_deadline)
    problems.push({ field: "submissionDeadline", key: "competition.problems.deadlineEarlier" });
  // Loosening is allowed (an older enterprise, a younger representative, no residency rule); tightening is not.
  const residencyTightened =
    !!after.residency_province &&
    (!before.residency_province || !sameProvince(after.residency_province, before.residency_province));
  if (
    after.max_enterprise_age_years < before.max_enterprise_age_years ||
    after.min_representative_age > before.min_representative_age ||
    residencyTightened
  ) {
    problems.push({ field: "_form", key: "competition.problems.rulesLocked" });
  }
  return problems;
}

import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** ISO-8601 UTC timestamp stored as text. */
type Timestamp = string;
/** 0 or 1: better-sqlite3 binds no booleans. */
type Flag = number;

export type UserRole = "applicant" | "judge" | "staff" | "leader" | "incubator_manager" | "admin";
export type UserStatus = "active" | "disabled";
export type OrganisationKind =
  | "startup_team"
  | "enterprise"
  | "expert"
  | "support_organisation"
  | "university"
  | "agency";
export type MembershipRole = "owner" | "member";
/** kept: no SMTP configured, stays for admins to read; queued → sending (claimed) → sent, or back to queued for a retry, or failed. */
export type OutboxStatus = "queued" | "sending" | "kept" | "sent" | "failed";

export interface UsersTable {
  id: string;
  email: string;
  full_name: string;
  phone: string | null;
  password_hash: string;
  role: UserRole;
  status: UserStatus;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_login_at: Timestamp | null;
}

export interface OrganisationsTable {
  id: string;
  name: string;
  /** Lower-case, accent-free copy of the name for search. */
  name_search: string;
  kind: OrganisationKind;
  tax_code: string | null;
  province: string | null;
  commune: string | null;
  /** The district of addresses recorded before the 1/7/2025 reorganisation. */
  old_district: string | null;
  address_line: string | null;
  sector: string | null;
  founded_on: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  description: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Counts the saves of the shared edit form (2026-12-01d): a save names the version it was loaded at. */
  version: Generated<number>;
}

export interface MembershipsTable {
  user_id: string;
  organisation_id: string;
  role: MembershipRole;
  created_at: Timestamp;
}

export interface AuditEventsTable {
  id: Generated<number>;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
  ip: string | null;
  created_at: Timestamp;
}

export interface AttachmentsTable {
  id: string;
  sha256: string;
  size_bytes: number;
  media_type: string;
  original_name: string;
  owner_type: string;
  owner_id: string;
  /** What the file is for within its owner, e.g. the document requirement it answers. */
  purpose: string | null;
  uploaded_by: string;
  created_at: Timestamp;
}

export interface SessionsTable {
  /** SHA-256 of the token in the cookie, so that a copy of the database opens no session. */
  id: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
  revoked_at: Timestamp | null;
}

/** A person's TOTP enrolment: pending until a first code is confirmed (`enabled_at`). */
export interface UserTwoFactorTable {
  user_id: string;
  /** The base32 secret sealed with AES-256-GCM (`app/lib/secret-box.server.ts`). */
  secret_sealed: string;
  enabled_at: Timestamp | null;
  /** The last TOTP time step accepted: a code is never accepted twice. */
  last_used_step: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TwoFactorRecoveryCodesTable {
  id: string;
  user_id: string;
  /** SHA-256 of the normalised code; the code itself is shown once. */
  code_hash: string;
  created_at: Timestamp;
  used_at: Timestamp | null;
}

/** The second step of a login: the password was right, a code is still due. */
export interface LoginChallengesTable {
  /** SHA-256 of the token in the challenge cookie. */
  id: string;
  user_id: string;
  redirect_to: string | null;
  failed_attempts: Generated<number>;
  ip: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface PasswordResetTokensTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  /** 0 while the password is being checked and when it failed (both count against the limits), 1 once it succeeded. */
  succeeded: Flag;
  created_at: Timestamp;
}

/** A request that sends an e-mail without a login, kept to throttle them per address and per IP. */
export interface MailRequestsTable {
  id: Generated<number>;
  action: MailRequestAction;
  email: string;
  ip: string;
  created_at: Timestamp;
}
export type MailRequestAction = "password_reset" | "registration";

export interface OutboxMessagesTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  status: OutboxStatus;
  /** The last delivery error: kept on a retry and on failure, cleared once sent. */
  error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  attempts: Generated<number>;
  next_attempt_at: Timestamp | null;
  claim_token: string | null;
  lease_expires_at: Timestamp | null;
  dedupe_key: string | null;
}

/** One scheduled job's lease: the instance that runs it until `expires_at` (see app/lib/job-lease.server.ts). */
export interface JobLeasesTable {
  name: string;
  holder: string;
  expires_at: Timestamp;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  title: string;
  body: string;
  link: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export type EditionStatus = "draft" | "published";
export type ResultsStatus = "none" | "proposed" | "approved" | "published";
export type CategoryKind = "project" | "idea" | "track";
export type RoundKind = "preliminary" | "semi_final" | "final";
/** The competition rules a document can prove (competition_document_requirements.proves_rule). */
export type EligibilityRule = "enterprise_age" | "residency" | "representative_age";
export type EntryStatus =
  | "draft"
  | "submitted"
  | "clarification_requested"
  | "valid"
  | "invalid"
  | "withdrawn"
  | "in_round"
  | "finalist"
  | "awarded"
  | "not_awarded";

export interface CompetitionEditionsTable {
  id: string;
  name: string;
  number: number;
  year: number;
  /** Markdown, rendered without raw HTML. */
  description: string;
  rules: string;
  status: EditionStatus;
  registration_opens_at: Timestamp;
  submission_deadline: Timestamp;
  award_ceremony_on: string | null;
  /** When set, entrants must reside in this province; the 2021 edition admitted anyone. */
  residency_province: string | null;
  max_enterprise_age_years: number;
  min_representative_age: number;
  receipt_prefix: string;
  copied_from_id: string | null;
  results_status: Generated<ResultsStatus>;
  results_published_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Counts the saves of the shared edit form (2026-12-01d): a save names the version it was loaded at. */
  version: Generated<number>;
  /** 2026-12-03c: judges' comments reach the applicant, without names, once the results are published. */
  feedback_to_applicants: Generated<Flag>;
}

export interface CompetitionCategoriesTable {
  id: string;
  edition_id: string;
  name: string;
  kind: CategoryKind;
  description: string | null;
  position: number;
}

export interface CompetitionDocumentRequirementsTable {
  id: string;
  edition_id: string;
  /** null: asked of every category. */
  category_id: string | null;
  label: string;
  required: Flag;
  position: number;
  /** The eligibility rule this document proves (at most one requirement per rule and edition); null: none. */
  proves_rule: EligibilityRule | null;
}

export interface CompetitionPrizesTable {
  id: string;
  edition_id: string;
  rank_label: string;
  count: number;
  amount_vnd: number;
  position: number;
}

export interface CompetitionRoundsTable {
  id: string;
  edition_id: string;
  name: string;
  kind: RoundKind;
  starts_on: string | null;
  ends_on: string | null;
  position: number;
  /** Judges see entries by code only: no names, organisation, contacts or documents' authors. */
  blind: Generated<Flag>;
  judges_per_entry: Generated<number>;
  aggregation: Generated<Aggregation>;
  /** A judge with fewer submitted sheets in the round is not normalised (z-score). */
  min_scores_to_normalise: Generated<number>;
  /** Max − min of an entry's judge totals above which it is flagged for discussion (100-point scale). */
  disagreement_threshold: Generated<number>;
  no_zero_criterion: Generated<Flag>;
  min_average: Generated<number>;
  advance_per_category: Generated<number>;
  tie_break_criterion_id: string | null;
  pitch_minutes: number | null;
  questions_minutes: number | null;
  status: Generated<RoundStatus>;
  /** The most entries one judge is given in the round (automatic and manual assignment); null: no cap. */
  max_entries_per_judge: number | null;
  /** 2026-12-03c: judges who submitted see the entry's other sheets; notes and a consensus decision per entry. */
  deliberation: Generated<Flag>;
}

export type Aggregation = "mean" | "trimmed" | "median" | "zscore";
export type RoundStatus = "setup" | "judging" | "closed";

export interface RoundCriteriaTable {
  id: string;
  round_id: string;
  name: string;
  description: string | null;
  /** Percent of the round's total; a round's weights add up to 100. */
  weight: number;
  max_score: number;
  position: number;
  /** 0: shown to judges but not counted in the total. */
  counts_in_total: Generated<Flag>;
  guidance: string | null;
}

export interface CompetitionEntriesTable {
  id: string;
  edition_id: string;
  organisation_id: string;
  created_by: string;
  category_id: string | null;
  status: EntryStatus;
  receipt_seq: number | null;
  receipt_number: string | null;
  project_name: string;
  name_search: string;
  sector: string | null;
  summary: string | null;
  problem: string | null;
  solution: string | null;
  market: string | null;
  business_model: string | null;
  team_description: string | null;
  stage: string | null;
  funding_to_date_vnd: number | null;
  video_url: string | null;
  enterprise_registered_on: string | null;
  residence_province: string | null;
  consent_at: Timestamp | null;
  submitted_at: Timestamp | null;
  decision_reason: string | null;
  /** JSON array of the field names reopened for clarification. */
  clarification_fields: string | null;
  clarification_note: string | null;
  clarification_until: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Staff's record that an entry's proof file was checked against the fact it proves (2026-12-05e). */
export interface EntryEligibilityChecksTable {
  id: string;
  entry_id: string;
  rule: EligibilityRule;
  /** The proof file checked: a newer upload is not covered by this check. */
  attachment_id: string;
  checked_by: string;
  checked_at: Timestamp;
  note: string | null;
}

export interface EntryMembersTable {
  id: string;
  entry_id: string;
  full_name: string;
  role: string | null;
  email: string | null;
  phone: string | null;
  birth_date: string | null;
  is_representative: Flag;
  position: number;
  /** 2026-12-05b: when the retention job replaced the person's name and cleared the contacts. */
  anonymised_at: Timestamp | null;
}

export interface RoundJudgesTable {
  round_id: string;
  judge_id: string;
  added_at: Timestamp;
  dropped_at: Timestamp | null;
}

export interface RoundEntriesTable {
  round_id: string;
  entry_id: string;
  outcome: Generated<"pending" | "advanced" | "eliminated">;
  added_at: Timestamp;
}

export interface JudgeConflictsTable {
  id: string;
  judge_id: string;
  organisation_id: string;
  source: "declared" | "proposed";
  status: "proposed" | "confirmed" | "dismissed";
  reason: string;
  created_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  /** Why it was proposed (2026-12-03d): JSON array of ConflictEvidence; null when the judge declared it. */
  evidence_json: string | null;
  /** Staff's reason for a dismissal (2026-12-03d). */
  decision_reason: string | null;
}

/** A judge's organisations as staff recorded them (2026-12-03d): the source of proposed conflicts. */
export interface JudgeOrganisationsTable {
  judge_id: string;
  organisation_id: string;
  added_by: string;
  added_at: Timestamp;
}

export interface AssignmentsTable {
  id: string;
  round_id: string;
  entry_id: string;
  judge_id: string;
  created_at: Timestamp;
  removed_at: Timestamp | null;
}

export interface ScoreSheetsTable {
  id: string;
  assignment_id: string;
  status: "draft" | "submitted";
  overall_comment: string | null;
  submitted_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface ScoresTable {
  sheet_id: string;
  criterion_id: string;
  score: number;
  comment: string | null;
}

export interface PrizeAwardsTable {
  id: string;
  edition_id: string;
  prize_id: string;
  entry_id: string;
  /** 1-based place in the prize list. */
  rank: number;
  change_reason: string | null;
  verification_code: string;
  created_at: Timestamp;
}

/** The organising committee's order of entries the tie-break cascade left tied across a cut-off. */
export interface TieResolutionsTable {
  id: string;
  round_id: string;
  cut_off: "prize" | "advancement";
  method: Aggregation;
  /** The exact score the entries were tied on: the decision applies only while they still are. */
  score: number;
  /** JSON array of entry ids, best first. */
  entry_ids_json: string;
  reason: string;
  decided_by: string;
  decided_at: Timestamp;
}

/** A note of the committee's discussion of an entry in a deliberation round: append-only. */
export interface DeliberationNotesTable {
  id: string;
  round_id: string;
  entry_id: string;
  author_id: string;
  body: string;
  created_at: Timestamp;
}

export type ConsensusDecision = "advance" | "do_not_advance" | "score_adjusted";

/** The committee's consensus on an entry in a deliberation round, with its reason; the latest one stands. */
export interface ConsensusDecisionsTable {
  id: string;
  round_id: string;
  entry_id: string;
  decision: ConsensusDecision;
  /** Set only when the decision adjusts the score (100-point scale). */
  adjusted_score: number | null;
  reason: string;
  decided_by: string;
  decided_at: Timestamp;
}

export type IncubationStatus = "incubating" | "paused" | "graduated" | "business_founded" | "stopped";
export type IncubationServiceKind =
  | "workspace"
  | "consulting"
  | "training"
  | "ip_registration"
  | "investor_connection"
  | "funding";

export interface IncubationRecordsTable {
  id: string;
  /** The startup being incubated. */
  organisation_id: string;
  /** A support_organisation. */
  incubator_id: string;
  source_award_id: string | null;
  started_on: string;
  planned_end_on: string;
  status: IncubationStatus;
  status_reason: string | null;
  report_period_months: number;
  enterprise_tax_code: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface IncubationMentorsTable {
  record_id: string;
  /** An organisation of kind expert. */
  organisation_id: string;
  added_at: Timestamp;
}

export interface IncubationServicesTable {
  id: string;
  record_id: string;
  kind: IncubationServiceKind;
  provided_on: string;
  value_vnd: number;
  note: string | null;
}

export interface MilestonesTable {
  id: string;
  record_id: string;
  title: string;
  due_on: string;
  done_on: string | null;
}

export interface ProgressReportsTable {
  id: string;
  record_id: string;
  period_start: string;
  period_end: string;
  revenue_vnd: number;
  employees: number;
  customers: number;
  capital_raised_vnd: number;
  ip_applications: number;
  products_launched: number;
  narrative: string;
  submitted_by: string;
  submitted_at: Timestamp;
  staff_comment: string | null;
}

export interface IncubatorProfilesTable {
  organisation_id: string;
  capacity: number;
  /** Comma-separated service kinds, in the order of SERVICE_KINDS. */
  services_offered: string;
  description: string | null;
  updated_at: Timestamp;
}

export interface IncubationRemindersTable {
  record_id: string;
  period_start: string;
  last_sent_at: Timestamp;
  times_sent: number;
}

export type ProgrammeStatus = "open" | "paused" | "closed";
export type EnterpriseSize = "micro" | "small" | "medium" | "not_sme";
export type SectorGroup = "agriculture_industry" | "trade_services";
export type DossierStatus =
  | "draft"
  | "submitted"
  | "received"
  | "supplement_requested"
  | "complete"
  | "under_appraisal"
  | "proposed"
  | "approved"
  | "rejected"
  | "paid"
  | "closed"
  | "withdrawn";

/** A day the working-day calendar departs from Monday–Friday on: a weekday off, or a weekend day worked ("làm bù"). */
export type CalendarDayKind = "day_off" | "working_day";

export interface PublicHolidaysTable {
  day: string;
  name: string;
  kind: Generated<CalendarDayKind>;
  /** The decision or notice that set the day (e.g. "Thông báo 6150/TB-BLĐTBXH"). */
  source: string | null;
  created_at: Timestamp;
}

export interface SupportProgrammesTable {
  id: string;
  name: string;
  legal_basis: string;
  first_year: number;
  last_year: number;
  status: ProgrammeStatus;
  status_reason: string | null;
  status_changed_on: string | null;
  /** While paused: "refuse" new filings, or "queue" them (filed, received when the programme reopens). */
  paused_intake: "refuse" | "queue";
  receipt_prefix: string;
  receive_working_days: number;
  check_working_days: number;
  decision_working_days: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Counts the saves of the shared edit form (2026-12-01d): a save names the version it was loaded at. */
  version: Generated<number>;
}

export interface ProgrammeBudgetsTable {
  programme_id: string;
  year: number;
  amount_vnd: number;
}

export interface ProgrammePausesTable {
  id: string;
  programme_id: string;
  from_on: string;
  to_on: string | null;
  reason: string;
}

export interface SupportTypesTable {
  id: string;
  programme_id: string;
  name: string;
  article: string;
  startups_only: number;
  position: number;
}

export interface SupportTypeRulesTable {
  support_type_id: string;
  size: Exclude<EnterpriseSize, "not_sme">;
  rate_percent: number;
  cap_vnd: number | null;
  cap_period: "year" | "contract" | "month" | "none";
  priority_rate_percent: number | null;
  priority_cap_vnd: number | null;
  verified: number;
  source: string;
}

export interface SupportTypeDocumentsTable {
  id: string;
  support_type_id: string;
  title: string;
  required: number;
  position: number;
}

export interface EnterpriseProfilesTable {
  organisation_id: string;
  sector_group: SectorGroup;
  main_business_line: string;
  fiscal_year: number;
  employees: number;
  revenue_vnd: number;
  capital_vnd: number;
  size: EnterpriseSize;
  women_owned: number;
  many_women_workers: number;
  social_enterprise: number;
  declared_by: string;
  declared_at: Timestamp;
}

export interface SupportDossiersTable {
  id: string;
  programme_id: string;
  support_type_id: string;
  organisation_id: string;
  status: DossierStatus;
  receipt_seq: number | null;
  receipt_number: string | null;
  support_year: number;
  content: string;
  provider_name: string;
  provider_tax_code: string | null;
  total_cost_vnd: number;
  requested_vnd: number;
  months: number | null;
  enterprise_size: EnterpriseSize | null;
  is_priority: number;
  proposed_vnd: number | null;
  approved_vnd: number | null;
  paid_vnd: number | null;
  supplement_request: string | null;
  appraisal_note: string | null;
  decision_reason: string | null;
  submitted_at: Timestamp | null;
  /** The day the current step began (received, checked…), from which its working-day duration runs. */
  step_started_on: string | null;
  /** The day staff last found the dossier complete (the end of the checking step). */
  complete_on: string | null;
  /** The day the complete dossier, or its last supplement, was received: the decision clock starts from it (Decree 80/2021 art. 32). */
  received_complete_on: string | null;
  /** When the current step is due (working days), for the desk's sort; null when nothing is due or the clock is stopped. */
  due_on: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** 2026-12-05b: when the retention job cleared the people named on the closed or refused dossier. */
  anonymised_at: Timestamp | null;
}

export type EventKind =
  | "conference_training"
  | "workshop"
  | "business_coffee"
  | "startup_festival"
  | "study_tour"
  | "competition";
export type MouStatus = "signed" | "in_progress" | "contract" | "no_follow_up";
export type MouPairing = "enterprise_enterprise" | "enterprise_expert" | "enterprise_support" | "other";
export type MouField =
  | "technology_transfer_consulting"
  | "trade_promotion"
  | "technology_application"
  | "training"
  | "investment"
  | "other";

export interface ConnectionEventsTable {
  id: string;
  kind: EventKind;
  title: string;
  title_search: string;
  starts_on: string;
  ends_on: string;
  place: string | null;
  topic: string | null;
  summary: string | null;
  /** What the report counts where no list of names exists ("hơn 60 doanh nghiệp"). */
  reported_organisations: number | null;
  reported_people: number | null;
  count_note: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EventOrganisersTable {
  event_id: string;
  organisation_id: string;
  role: "organiser" | "co_organiser";
}

export interface EventParticipantsTable {
  id: string;
  event_id: string;
  /** null: a person who came on their own, not for an organisation of the registry. */
  organisation_id: string | null;
  person_name: string | null;
  position: string | null;
  phone: string | null;
  email: string | null;
  source: "manual" | "import";
  created_by: string;
  created_at: Timestamp;
  /** 2026-12-05b: when the retention job replaced the person's name and cleared the contacts. */
  anonymised_at: Timestamp | null;
}

export interface MousTable {
  id: string;
  /** The MOU's own number, as written on the paper (optional). */
  reference: string | null;
  title: string;
  title_search: string;
  event_id: string | null;
  /** Derived from the parties' kinds when recorded (pairingOf). */
  pairing: MouPairing;
  signed_on: string;
  summary: string | null;
  status: MouStatus;
  /** When staff should next check what the MOU became; null once it is closed. */
  next_check_on: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MouFieldsTable {
  mou_id: string;
  field: MouField;
}

export interface MouPartiesTable {
  mou_id: string;
  organisation_id: string;
  position: number;
}

export interface MouFollowUpsTable {
  id: string;
  mou_id: string;
  noted_on: string;
  status_before: MouStatus;
  status_after: MouStatus;
  note: string;
  next_check_on: string | null;
  created_by: string;
  created_at: Timestamp;
}

export interface ConnectionImportsTable {
  id: string;
  kind: "attendees" | "mous";
  event_id: string | null;
  uploaded_by: string;
  file_name: string;
  row_count: number;
  /** The validated rows (JSON), resolved against the registry again when committed. */
  rows_json: string;
  created_at: Timestamp;
  committed_at: Timestamp | null;
}

export interface OrganisationMergesTable {
  merged_id: string;
  kept_id: string;
  merged_name: string;
  merged_tax_code: string | null;
  merged_by: string;
  merged_at: Timestamp;
}

export type TechApplicationStatus =
  | "draft"
  | "received"
  | "supplement_requested"
  | "complete"
  | "reviewed"
  | "approved"
  | "rejected"
  | "withdrawn";
export type TechImplementationStatus = "implementing" | "stalled" | "completed" | "accepted" | "cancelled";
export type TechPipelineStage =
  | "contacted"
  | "consulted"
  | "applied"
  | "certified"
  | "implementing"
  | "accepted"
  | "stalled";
export type TechConsultationKind = "field_visit" | "consultation" | "meeting";
export type TechOutreachChannel = "leaflet" | "letter" | "led_screen" | "banner" | "conference" | "other";

export interface TechOutreachCampaignsTable {
  id: string;
  title: string;
  channel: TechOutreachChannel;
  held_on: string;
  note: string | null;
  created_by: string;
  created_at: Timestamp;
}

export interface TechOutreachRecipientsTable {
  campaign_id: string;
  organisation_id: string;
}

export interface TechConsultationsTable {
  id: string;
  organisation_id: string;
  kind: TechConsultationKind;
  held_on: string;
  staff_names: string;
  findings: string;
  advice: string;
  next_step: string | null;
  created_by: string;
  created_at: Timestamp;
}

export interface TechLevelCriteriaTable {
  code: string;
  group_code: "T" | "E" | "O" | "R" | "I";
  position: number;
  name: string;
  max_points: number;
  verified: Flag;
  source: string;
}

export interface TechLevelBandsTable {
  code: string;
  name: string;
  rank: number;
  min_total: number;
  min_coefficient: number;
  verified: Flag;
  source: string;
}

export interface TechSettingsTable {
  key: string;
  value: string;
  verified: Flag;
  source: string;
  updated_at: Timestamp;
}

export interface TechAssessmentsTable {
  id: string;
  organisation_id: string;
  year: number;
  assessed_on: string;
  /** Criterion code → points, as entered. */
  scores_json: string;
  t_score: number;
  e_score: number;
  o_score: number;
  r_score: number;
  i_score: number;
  total: number;
  coefficient: number;
  level_code: string;
  /** 0 while the bands or the formula used were placeholders. */
  settings_verified: Flag;
  note: string | null;
  created_by: string;
  created_at: Timestamp;
}

export interface TechDocumentRequirementsTable {
  id: string;
  title: string;
  required: Flag;
  position: number;
}

export interface TechApplicationsTable {
  id: string;
  organisation_id: string;
  status: TechApplicationStatus;
  kind: "transfer" | "renovation";
  technology: string;
  origin: string;
  supplier: string;
  equipment: string;
  total_investment_vnd: number;
  own_funds_vnd: number;
  requested_support_vnd: number;
  starts_on: string;
  ends_on: string;
  expected_gains: string;
  supplement_request: string | null;
  review_note: string | null;
  decision_reason: string | null;
  submitted_at: Timestamp | null;
  step_started_on: string | null;
  complete_on: string | null;
  /** The day the complete application, or its last supplement, was received: the decision clock starts from it. */
  received_complete_on: string | null;
  due_on: string | null;
  implementation_status: TechImplementationStatus | null;
  implementation_reason: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TechCertificatesTable {
  id: string;
  application_id: string;
  year: number;
  seq: number;
  number: string;
  verification_code: string;
  issued_at: Timestamp;
  signer_name: string;
  signer_title: string;
  issued_by: string;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

export interface TechProgressNotesTable {
  id: string;
  application_id: string;
  status: TechImplementationStatus;
  note: string;
  reported_on: string;
  reported_by: string;
  created_at: Timestamp;
}

export interface TechEnterpriseStagesTable {
  organisation_id: string;
  stage: TechPipelineStage;
  updated_at: Timestamp;
}

export interface ReportDraftsTable {
  id: string;
  period_from: string;
  period_to: string;
  /** The modules covered, comma-separated. */
  modules: string;
  reference_number: string;
  issued_on: string;
  subtitle: string;
  /** The subtitle without accents, for the list's search. */
  subtitle_search: string;
  addressee: string;
  introduction: string;
  /** JSON [{ key, heading, text }], as staff edited them. */
  sections_json: string;
  /** JSON of the figures the sections were drafted from. */
  figures_json: string;
  drafted_at: Timestamp;
  /** One recipient per line. */
  recipients: string;
  signer_title: string;
  signer_name: string;
  created_by: string;
  updated_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Counts the saves of the shared edit form (2026-12-01d): a save names the version it was loaded at. */
  version: Generated<number>;
}

export type PersonalDataAccessKind = "view" | "export";
export type PersonalDataSubject =
  | "users"
  | "organisation_members"
  | "entry_members"
  | "event_participants"
  | "organisations";

/** Decree 13/2023/NĐ-CP: one row per page or file that showed other people's contacts (2026-12-02h). */
export interface PersonalDataAccessTable {
  id: string;
  actor_id: string;
  kind: PersonalDataAccessKind;
  subject_type: PersonalDataSubject;
  subject_id: string | null;
  route: string;
  row_count: number;
  ip: string | null;
  created_at: Timestamp;
}

export type DataSubjectRequestKind = "access" | "correction" | "erasure" | "consent_withdrawal";
export type DataSubjectRequestStatus = "received" | "in_progress" | "done" | "refused";

/** A person's request about their own personal data (Decree 13/2023/NĐ-CP, art. 9–16), filed on the account page. */
export interface DataSubjectRequestsTable {
  id: string;
  requester_id: string;
  kind: DataSubjectRequestKind;
  status: DataSubjectRequestStatus;
  details: string;
  received_at: Timestamp;
  due_at: Timestamp;
  legal_source: string;
  handled_by: string | null;
  started_at: Timestamp | null;
  closed_at: Timestamp | null;
  reply: string | null;
  updated_at: Timestamp;
  /** 2026-12-05b: when the retention job cleared the request's content and reply. */
  anonymised_at: Timestamp | null;
}

/** An admin's retention period for one kind of record (2026-12-05b); a kind without a row keeps its default. */
export interface RetentionSettingsTable {
  kind: string;
  months: number;
  updated_by: string;
  updated_at: Timestamp;
}

export type RetentionTrigger = "scheduled" | "manual";

/** One run of the anonymising job and what it did (2026-12-05b). */
export interface RetentionRunsTable {
  id: string;
  started_at: Timestamp;
  finished_at: Timestamp;
  trigger: RetentionTrigger;
  actor_id: string | null;
  /** JSON: { [kind]: { months, cutoff, anonymised } }. */
  counts_json: string;
}

export type SettingProposalKind =
  | "programme_status"
  | "step_durations"
  | "support_rule"
  | "holiday_add"
  | "holiday_remove";
export type SettingProposalStatus = "pending" | "approved" | "rejected" | "withdrawn";

/** A change to a legal setting, proposed with its source document; it takes effect when a leader approves it. */
export interface SettingProposalsTable {
  id: string;
  kind: SettingProposalKind;
  target_id: string;
  /** JSON text: the validated form the apply function takes. */
  payload: string;
  loaded_version: number | null;
  source_document: string;
  status: ColumnType<SettingProposalStatus, SettingProposalStatus | undefined, SettingProposalStatus>;
  proposed_by: string;
  proposed_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_reason: string | null;
}

export interface Database {
  users: UsersTable;
  organisations: OrganisationsTable;
  memberships: MembershipsTable;
  audit_events: AuditEventsTable;
  attachments: AttachmentsTable;
  sessions: SessionsTable;
  password_reset_tokens: PasswordResetTokensTable;
  login_attempts: LoginAttemptsTable;
  mail_requests: MailRequestsTable;
  outbox_messages: OutboxMessagesTable;
  job_leases: JobLeasesTable;
  personal_data_access: PersonalDataAccessTable;
  data_subject_requests: DataSubjectRequestsTable;
  retention_settings: RetentionSettingsTable;
  retention_runs: RetentionRunsTable;
  setting_proposals: SettingProposalsTable;
  notifications: NotificationsTable;
  competition_editions: CompetitionEditionsTable;
  competition_categories: CompetitionCategoriesTable;
  competition_document_requirements: CompetitionDocumentRequirementsTable;
  competition_prizes: CompetitionPrizesTable;
  competition_rounds: CompetitionRoundsTable;
  round_criteria: RoundCriteriaTable;
  competition_entries: CompetitionEntriesTable;
  entry_members: EntryMembersTable;
  entry_eligibility_checks: EntryEligibilityChecksTable;
  round_judges: RoundJudgesTable;
  round_entries: RoundEntriesTable;
  judge_conflicts: JudgeConflictsTable;
  judge_organisations: JudgeOrganisationsTable;
  assignments: AssignmentsTable;
  score_sheets: ScoreSheetsTable;
  scores: ScoresTable;
  prize_awards: PrizeAwardsTable;
  tie_resolutions: TieResolutionsTable;
  deliberation_notes: DeliberationNotesTable;
  consensus_decisions: ConsensusDecisionsTable;
  incubation_records: IncubationRecordsTable;
  incubation_mentors: IncubationMentorsTable;
  incubation_services: IncubationServicesTable;
  milestones: MilestonesTable;
  progress_reports: ProgressReportsTable;
  incubator_profiles: IncubatorProfilesTable;
  incubation_reminders: IncubationRemindersTable;
  public_holidays: PublicHolidaysTable;
  support_programmes: SupportProgrammesTable;
  programme_budgets: ProgrammeBudgetsTable;
  programme_pauses: ProgrammePausesTable;
  support_types: SupportTypesTable;
  support_type_rules: SupportTypeRulesTable;
  support_type_documents: SupportTypeDocumentsTable;
  enterprise_profiles: EnterpriseProfilesTable;
  support_dossiers: SupportDossiersTable;
  connection_events: ConnectionEventsTable;
  event_organisers: EventOrganisersTable;
  event_participants: EventParticipantsTable;
  mous: MousTable;
  mou_fields: MouFieldsTable;
  mou_parties: MouPartiesTable;
  mou_follow_ups: MouFollowUpsTable;
  connection_imports: ConnectionImportsTable;
  organisation_merges: OrganisationMergesTable;
  tech_outreach_campaigns: TechOutreachCampaignsTable;
  tech_outreach_recipients: TechOutreachRecipientsTable;
  tech_consultations: TechConsultationsTable;
  tech_level_criteria: TechLevelCriteriaTable;
  tech_level_bands: TechLevelBandsTable;
  tech_settings: TechSettingsTable;
  tech_assessments: TechAssessmentsTable;
  tech_document_requirements: TechDocumentRequirementsTable;
  tech_applications: TechApplicationsTable;
  tech_certificates: TechCertificatesTable;
  tech_progress_notes: TechProgressNotesTable;
  tech_enterprise_stages: TechEnterpriseStagesTable;
  report_drafts: ReportDraftsTable;
  user_two_factor: UserTwoFactorTable;
  two_factor_recovery_codes: TwoFactorRecoveryCodesTable;
  login_challenges: LoginChallengesTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Organisation = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type Membership = Selectable<MembershipsTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
export type Attachment = Selectable<AttachmentsTable>;
export type Session = Selectable<SessionsTable>;
export type OutboxMessage = Selectable<OutboxMessagesTable>;
export type Edition = Selectable<CompetitionEditionsTable>;
export type Entry = Selectable<CompetitionEntriesTable>;
export type EntryMember = Selectable<EntryMembersTable>;
export type EntryEligibilityCheck = Selectable<EntryEligibilityChecksTable>;
export type IncubationRecord = Selectable<IncubationRecordsTable>;
export type ProgressReport = Selectable<ProgressReportsTable>;
export type SupportDossier = Selectable<SupportDossiersTable>;
export type SupportProgramme = Selectable<SupportProgrammesTable>;
export type EnterpriseProfile = Selectable<EnterpriseProfilesTable>;
export type ConnectionEvent = Selectable<ConnectionEventsTable>;
export type Mou = Selectable<MousTable>;
export type { ColumnType };
export type TechApplication = Selectable<TechApplicationsTable>;
export type TechCertificate = Selectable<TechCertificatesTable>;
export type ReportDraft = Selectable<ReportDraftsTable>;

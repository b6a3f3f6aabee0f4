import type { Migration, MigrationProvider } from "kysely";
import * as foundation from "./2026-11-23_foundation";
import * as competition from "./2026-11-23b_competition";
import * as judging from "./2026-11-23c_judging";
import * as incubation from "./2026-11-23d_incubation";
import * as incubatorProfiles from "./2026-11-23e_incubator_profiles";
import * as smeSupport from "./2026-11-23f_sme_support";
import * as connections from "./2026-11-23g_connections";
import * as technology from "./2026-11-23h_technology";
import * as reports from "./2026-11-23i_reports";
import * as mailRequests from "./2026-12-01a_mail_requests";
import * as twoFactor from "./2026-12-01b_two_factor";
import * as recordVersions from "./2026-12-01d_record_versions";
import * as outboxQueue from "./2026-12-01e_outbox_queue";
import * as calendarAndDecisionClock from "./2026-12-01g_calendar_and_decision_clock";
import * as tieResolutions from "./2026-12-01i_tie_resolutions";
import * as pausedProgrammeClocks from "./2026-12-01j_paused_programme_clocks";
import * as postgresTypesAndSearch from "./2026-12-01k_postgres_types_and_search";
import * as jobLeases from "./2026-12-01l_job_leases";
import * as certificateNumberFormat from "./2026-12-02g_certificate_number_format";
import * as personalData from "./2026-12-02h_personal_data";
import * as judgeCaps from "./2026-12-03a_judge_caps";
import * as judgeOrganisations from "./2026-12-03d_judge_organisations";
import * as deliberation from "./2026-12-03c_deliberation";
import * as auditFilterIndexes from "./2026-12-03f_audit_filter_indexes";
import * as retention from "./2026-12-05b_retention";
import * as eligibilityProof from "./2026-12-05c_eligibility_proof";
import * as settingProposals from "./2026-12-05d_setting_proposals";
import * as eligibilityChecks from "./2026-12-05e_eligibility_checks";
import * as listOrderIndexes from "./2026-12-06a_list_order_indexes";

/** A static list: Kysely's FileMigrationProvider cannot load .ts files under vitest or a bundle. */
const migrations: Record<string, Migration> = {
  "2026-11-23_foundation": foundation,
  "2026-11-23b_competition": competition,
  "2026-11-23c_judging": judging,
  "2026-11-23d_incubation": incubation,
  "2026-11-23e_incubator_profiles": incubatorProfiles,
  "2026-11-23f_sme_support": smeSupport,
  "2026-11-23g_connections": connections,
  "2026-11-23h_technology": technology,
  "2026-11-23i_reports": reports,
  "2026-12-01a_mail_requests": mailRequests,
  "2026-12-01b_two_factor": twoFactor,
  "2026-12-01d_record_versions": recordVersions,
  "2026-12-01e_outbox_queue": outboxQueue,
  "2026-12-01g_calendar_and_decision_clock": calendarAndDecisionClock,
  "2026-12-01i_tie_resolutions": tieResolutions,
  "2026-12-01j_paused_programme_clocks": pausedProgrammeClocks,
  "2026-12-01k_postgres_types_and_search": postgresTypesAndSearch,
  "2026-12-01l_job_leases": jobLeases,
  "2026-12-02g_certificate_number_format": certificateNumberFormat,
  "2026-12-02h_personal_data": personalData,
  "2026-12-03a_judge_caps": judgeCaps,
  "2026-12-03d_judge_organisations": judgeOrganisations,
  "2026-12-03c_deliberation": deliberation,
  "2026-12-03f_audit_filter_indexes": auditFilterIndexes,
  "2026-12-05b_retention": retention,
  "2026-12-05c_eligibility_proof": eligibilityProof,
  "2026-12-05d_setting_proposals": settingProposals,
  "2026-12-05e_eligibility_checks": eligibilityChecks,
  "2026-12-06a_list_order_indexes": listOrderIndexes,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};

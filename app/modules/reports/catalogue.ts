/** The report's areas and figures by name: plain constants the pages (client code included) and the server share. */
export const REPORT_MODULES = ["competition", "incubation", "sme", "technology", "connections"] as const;
export type ReportModule = (typeof REPORT_MODULES)[number];

/** Every figure of the dashboard and the report, each one query of app/modules/reports/datasets.server.ts. */
export const DATASET_KEYS = [
  "editions",
  "entries",
  "prizes",
  "incubation",
  "incubationAfterCompetition",
  "smeDossiers",
  "smeApproved",
  "smePaid",
  "techOutreach",
  "techConsultations",
  "techAssessments",
  "techApplications",
  "techCertificates",
  "techPipeline",
  "events",
  "mous",
  "mouFields",
] as const;
export type DatasetKey = (typeof DATASET_KEYS)[number];

import type { TFunction } from "../../i18n";
import type { DatasetKey } from "./catalogue";

/**
 * Where each dataset's categories are named in the translations; null where the category is already a name
 * (a prize's rank label, a technology level band as configured).
 */
const PART_LABELS: Record<DatasetKey, string | null> = {
  editions: null,
  entries: "entries.statuses",
  prizes: null,
  incubation: "incubation.statuses",
  incubationAfterCompetition: "incubation.statuses",
  smeDossiers: "sme.statuses",
  smeApproved: "sme.statuses",
  smePaid: "sme.statuses",
  techOutreach: "technology.channels",
  techConsultations: "technology.consultationKinds",
  techAssessments: null,
  techApplications: "technology.statuses",
  techCertificates: "technology.implementation",
  techPipeline: "technology.stages",
  events: "connections.kinds",
  mous: "connections.pairings",
  mouFields: "connections.mouFields",
};

export function partLabel(t: TFunction, key: DatasetKey, part: string): string {
  if (key === "techCertificates" && part === "revoked") return t("reports.revoked");
  const prefix = PART_LABELS[key];
  return prefix ? (t as (key: string) => string)(`${prefix}.${part}`) : part;
}

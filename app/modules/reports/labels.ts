import type { TFunction } from "../../i18n";
import type { DatasetKey } from "./catalogue";

/**
 * Where each dataset's categories are named in the translations; null where the category is already a name
 * (a prize's rank label, a technology level band as configured).
 */
const PART_LABELS: Record<DatasetKey, string | null> = {
  editions: "prizes.statuses",
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

/** What a dataset's `amount` holds: money in đồng, people (attendance), or nothing. */
export type AmountKind = "vnd" | "people";
export const AMOUNT_KINDS = ["vnd", "people"] as const satisfies readonly AmountKind[];

/** The heading, with its unit, of the column holding a dataset's amount of that kind. */
export function amountHeading(t: TFunction, kind: AmountKind): string {
  return t(kind === "people" ? "reports.people" : "reports.amount");
}

/** The dataset's amount in the column of its kind, empty in the others: attendance never lands under "Kinh phí (đồng)". */
export function amountCells(kind: AmountKind | null, amount: number | null): Array<number | null> {
  return AMOUNT_KINDS.map((column) => (column === kind ? amount : null));
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import type { EntryStatus } from "../../db/types";
import { serverI18n } from "../i18n";
import { historyOf } from "../modules/admin/queries.server";
import { entryPdf } from "../modules/competition/entry-pdf.server";
import {
  editionSetup,
  entryDocuments,
  entryMembers,
  getEdition,
  getEntryForStaff,
} from "../modules/competition/queries.server";
import { entryChecks } from "../modules/competition/eligibility-checks.server";
import { currentChecks, ENTRY_STATUSES, entryVerdicts } from "../modules/competition/rules";
import { pdfResponse } from "../lib/admin-document.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { notFound, param } from "../lib/http.server";
import { nowIso } from "../lib/time.server";

/** The history the printed file keeps: what the team and the screening did to the entry's status. */
const SCREENING_ACTIONS = [
  "entry.submitted",
  "entry.withdrawn",
  "entry.mark_valid",
  "entry.mark_invalid",
  "entry.request_clarification",
];

function statusAfter(afterJson: string | null): EntryStatus | null {
  try {
    const status: unknown = afterJson ? (JSON.parse(afterJson) as { status?: unknown }).status : null;
    return (ENTRY_STATUSES as readonly unknown[]).includes(status) ? (status as EntryStatus) : null;
  } catch {
    return null;
  }
}

/** An entry as one PDF for the printed file (staff, leaders, admins: the people who read entries; never judges). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const entry = await getEntryForStaff(db, param(params, "entryId"));
  if (entry.edition_id !== params.id) notFound();
  const [edition, setup, members, documents, history, checks] = await Promise.all([
    getEdition(db, entry.edition_id),
    editionSetup(db, entry.edition_id),
    entryMembers(db, entry.id),
    entryDocuments(db, entry.id),
    historyOf(db, "entry", entry.id, { actions: SCREENING_ACTIONS, limit: 200 }),
    entryChecks(db, entry.id),
  ]);
  const verdicts = entryVerdicts({ edition, entry, members, requirements: setup.requirements, uploads: documents });
  const checked = currentChecks(verdicts, checks);
  const vi = serverI18n("vi");
  const t = vi.getFixedT("vi") as (key: string) => string;
  const pdf = await entryPdf({
    editionName: edition.name,
    entry: {
      receiptNumber: entry.receipt_number,
      status: entry.status,
      submittedAt: entry.submitted_at,
      projectName: entry.project_name,
      organisationName: entry.organisation_name,
      organisationTaxCode: entry.organisation_tax_code,
      categoryName: setup.categories.find((c) => c.id === entry.category_id)?.name ?? null,
      sector: entry.sector,
      stage: entry.stage,
      fundingToDateVnd: entry.funding_to_date_vnd,
      videoUrl: entry.video_url,
      enterpriseRegisteredOn: entry.enterprise_registered_on,
      residenceProvince: entry.residence_province,
      decisionReason: entry.decision_reason,
      summary: entry.summary,
      problem: entry.problem,
      solution: entry.solution,
      market: entry.market,
      businessModel: entry.business_model,
      teamDescription: entry.team_description,
    },
    members: members.map((member) => ({
      fullName: member.full_name,
      role: member.role,
      email: member.email,
      phone: member.phone,
      birthDate: member.birth_date,
      isRepresentative: member.is_representative === 1,
    })),
    eligibility: verdicts.map((verdict) => ({
      verdict,
      proofFileName: documents.find((d) => d.id === verdict.proof?.attachmentId)?.original_name ?? null,
      check: checked[verdict.rule] ?? null,
    })),
    documents: documents.map((document) => ({
      name: document.original_name,
      kind: setup.requirements.find((r) => r.id === document.purpose)?.label ?? t("entries.otherDocument"),
      sizeBytes: document.size_bytes,
      uploadedAt: document.created_at,
    })),
    history: [...history].reverse().map((event) => {
      const key = `auditActions.${event.action.replace(/\./g, "_")}`;
      return {
        at: event.created_at,
        action: vi.exists(key) ? t(key) : event.action,
        actorName: event.actor_name,
        status: statusAfter(event.after_json),
        reason: event.reason,
      };
    }),
    printedAt: nowIso(),
  });
  return pdfResponse(pdf, `${entry.receipt_number ?? entry.id}.pdf`);
}

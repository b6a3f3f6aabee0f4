import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { historyOf } from "../modules/admin/queries.server";
import { dossierDocuments, getDossier } from "../modules/sme/queries.server";
import { requireRole, STAFF_ROLES } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatDate, formatDateTime, formatMoney } from "../lib/format";
import { provinceDate } from "../lib/province-time";
import { nowIso } from "../lib/time.server";
import { param } from "../lib/http.server";
import { useAuditActionLabel } from "../ui/history";
import { SimpleTable } from "../ui/simple-table";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.dossier.receipt_number ?? "Hồ sơ"} – Bản in` },
];

/** The dossier as a paper record for the file (phiếu theo dõi): heading, facts, checklist and the whole processing history. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, STAFF_ROLES);
  const db = getDb();
  const { dossier } = await getDossier(db, user, param(params, "id"));
  const [documents, history] = await Promise.all([
    dossierDocuments(db, dossier.id, dossier.support_type_id),
    historyOf(db, "support_dossier", dossier.id, { limit: 200 }),
  ]);
  return { dossier, documents, history: [...history].reverse(), today: provinceDate(nowIso()) };
}

export default function DossierPrint() {
  const { t, i18n } = useTranslation();
  const { dossier, documents, history, today } = useLoaderData<typeof loader>();
  const label = useAuditActionLabel();
  const money = (value: number | null) => (value === null ? "—" : formatMoney(value, i18n.language));
  const [year, month, day] = today.split("-");
  const rows: Array<[string, string]> = [
    [t("sme.desk.receipt"), dossier.receipt_number ?? "—"],
    [t("sme.desk.enterprise"), `${dossier.enterprise_name}${dossier.tax_code ? ` – MST ${dossier.tax_code}` : ""}`],
    [t("sme.dossier.size"), dossier.enterprise_size ? t(`sme.sizes.${dossier.enterprise_size}`) : "—"],
    [t("sme.desk.type"), `${dossier.support_type_name} (${dossier.article})`],
    [t("sme.dossier.content"), dossier.content],
    [t("sme.dossier.provider"), dossier.provider_name],
    [t("sme.dossier.totalCost"), money(dossier.total_cost_vnd)],
    [t("sme.dossier.requested"), money(dossier.requested_vnd)],
    [t("sme.dossier.proposed"), money(dossier.proposed_vnd)],
    [t("sme.dossier.approved"), money(dossier.approved_vnd)],
    [t("sme.dossier.paid"), money(dossier.paid_vnd)],
    [t("sme.desk.status"), t(`sme.statuses.${dossier.status}`)],
    [t("sme.dossier.due"), dossier.due_on ? formatDate(dossier.due_on, i18n.language) : "—"],
  ];
  return (
    <article className="admin-document">
      <div className="admin-heading">
        <div>
          <p>UBND TỈNH QUẢNG NGÃI</p>
          <p>
            <strong>SỞ KHOA HỌC VÀ CÔNG NGHỆ</strong>
          </p>
        </div>
        <div>
          <p>
            <strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong>
          </p>
          <p>
            <strong>Độc lập - Tự do - Hạnh phúc</strong>
          </p>
        </div>
      </div>
      <p className="admin-place">{t("sme.dossier.printPlace", { day, month, year })}</p>
      <h1 className="admin-title">{t("sme.dossier.printTitle")}</h1>
      <SimpleTable
        className="admin-table"
        scroll={false}
        head={false}
        rows={rows}
        rowKey={([name]) => name}
        columns={[
          { key: "name", header: "", rowHeader: true, cell: ([name]) => name },
          { key: "value", header: "", cell: ([, value]) => value },
        ]}
      />
      <h2>{t("sme.dossier.documents")}</h2>
      <SimpleTable
        className="admin-table"
        scroll={false}
        head={false}
        rows={documents.checklist}
        rowKey={(item) => item.id}
        columns={[
          { key: "number", header: "", cell: (_, index) => index + 1 },
          { key: "title", header: "", cell: (item) => item.title },
          {
            key: "present",
            header: "",
            cell: (item) =>
              item.files.length
                ? t("sme.dossier.present")
                : item.required
                  ? t("sme.dossier.missing")
                  : t("common.optionalNotFiled"),
          },
        ]}
      />
      <h2>{t("sme.dossier.history")}</h2>
      <SimpleTable
        className="admin-table"
        scroll={false}
        head={false}
        rows={history}
        rowKey={(item) => item.id}
        columns={[
          { key: "at", header: "", cell: (item) => formatDateTime(item.created_at, i18n.language) },
          { key: "action", header: "", cell: (item) => label(item.action) },
          { key: "actor", header: "", cell: (item) => item.actor_name ?? t("audit.system") },
          { key: "reason", header: "", cell: (item) => item.reason ?? "" },
        ]}
      />
    </article>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";

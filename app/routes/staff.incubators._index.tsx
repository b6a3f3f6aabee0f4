import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { BOARD_ROLES, listIncubators } from "../modules/incubation/queries.server";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatNumber } from "../lib/format";
import { Card, PageHeader } from "../ui/layout";
import { ExportLinks } from "../ui/export-links";
import { SimpleTable } from "../ui/simple-table";

export const meta: MetaFunction = () => [{ title: "Tổ chức ươm tạo – Cổng ĐMST Quảng Ngãi" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, BOARD_ROLES);
  return { incubators: await listIncubators(getDb(), user) };
}

export default function Incubators() {
  const { t, i18n } = useTranslation();
  const { incubators } = useLoaderData<typeof loader>();
  const number = (value: number) => formatNumber(value, i18n.language);
  return (
    <>
      <PageHeader
        title={t("incubation.incubatorsTitle")}
        lead={t("incubation.incubatorsLead")}
        actions={<Link to="/staff/incubation">{t("incubation.backToBoard")}</Link>}
      />
      <Card>
        <ExportLinks path="/staff/incubators/export" />
        <SimpleTable
          rows={incubators}
          rowKey={(incubator) => incubator.id}
          columns={[
            {
              key: "incubator",
              header: t("incubation.incubator"),
              rowHeader: true,
              cell: (incubator) => <Link to={`/staff/incubators/${incubator.id}`}>{incubator.name}</Link>,
            },
            {
              key: "capacity",
              header: t("incubation.capacity"),
              cell: (incubator) =>
                incubator.capacity === null ? t("incubation.noProfile") : number(incubator.capacity),
            },
            {
              key: "hosting",
              header: t("incubation.hosting"),
              cell: (incubator) => (
                <Link to={`/staff/incubation?incubator=${incubator.id}&status=incubating`}>
                  {number(Number(incubator.hosting))}
                </Link>
              ),
            },
            {
              key: "freePlaces",
              header: t("incubation.freePlaces"),
              cell: (incubator) =>
                incubator.capacity === null ? "—" : number(Math.max(0, incubator.capacity - Number(incubator.hosting))),
            },
            {
              key: "allTime",
              header: t("incubation.allTime"),
              cell: (incubator) => number(Number(incubator.all_time)),
            },
            {
              key: "servicesOffered",
              header: t("incubation.servicesOffered"),
              cell: (incubator) =>
                incubator.services_offered
                  ? incubator.services_offered
                      .split(",")
                      .map((kind) => t(`incubation.serviceKinds.${kind as "workspace"}`))
                      .join(", ")
                  : "—",
            },
          ]}
        />
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";

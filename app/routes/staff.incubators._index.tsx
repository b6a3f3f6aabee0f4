import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { BOARD_ROLES, listIncubators } from "../modules/incubation/queries.server";
import { requireRole } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { formatNumber } from "../lib/format";
import { Card, PageHeader } from "../ui/layout";

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
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("incubation.incubator")}</th>
                <th scope="col">{t("incubation.capacity")}</th>
                <th scope="col">{t("incubation.hosting")}</th>
                <th scope="col">{t("incubation.freePlaces")}</th>
                <th scope="col">{t("incubation.allTime")}</th>
                <th scope="col">{t("incubation.servicesOffered")}</th>
              </tr>
            </thead>
            <tbody>
              {incubators.map((incubator) => (
                <tr key={incubator.id}>
                  <th scope="row">
                    <Link to={`/staff/incubators/${incubator.id}`}>{incubator.name}</Link>
                  </th>
                  <td data-label={t("incubation.capacity")}>
                    {incubator.capacity === null ? t("incubation.noProfile") : number(incubator.capacity)}
                  </td>
                  <td data-label={t("incubation.hosting")}>
                    <Link to={`/staff/incubation?incubator=${incubator.id}&status=incubating`}>
                      {number(Number(incubator.hosting))}
                    </Link>
                  </td>
                  <td data-label={t("incubation.freePlaces")}>
                    {incubator.capacity === null
                      ? "—"
                      : number(Math.max(0, incubator.capacity - Number(incubator.hosting)))}
                  </td>
                  <td data-label={t("incubation.allTime")}>{number(Number(incubator.all_time))}</td>
                  <td data-label={t("incubation.servicesOffered")}>
                    {incubator.services_offered
                      ? incubator.services_offered
                          .split(",")
                          .map((kind) => t(`incubation.serviceKinds.${kind as "workspace"}`))
                          .join(", ")
                      : "—"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary } from "../ui/error-boundary";

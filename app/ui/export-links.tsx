import { useLocation } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";

/**
 * The CSV/XLSX links of a table that is not a DataTable (a SimpleTable page): the same words and the same rule as
 * the DataTable's toolbar, the page's own search params (its filters) carried to the export, paging dropped.
 */
export function ExportLinks({ path }: { path: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const search = new URLSearchParams(location.search);
  search.delete("page");
  search.delete("size");
  const href = (format: "csv" | "xlsx") => `${path}?${new URLSearchParams([...search, ["format", format]])}`;
  return (
    <p className="table-export">
      <span>{t("table.export")}:</span>{" "}
      <a href={href("csv")} download>
        {t("table.exportCsv")}
      </a>{" "}
      ·{" "}
      <a href={href("xlsx")} download>
        {t("table.exportXlsx")}
      </a>
    </p>
  );
}

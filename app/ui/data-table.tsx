import { Form, Link, useLocation } from "@remix-run/react";
import { type ColumnDef, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { useTranslation } from "../i18n/use-translation";
import { formatNumber } from "../lib/format";
import { listHref, PAGE_SIZES, type Page } from "../lib/list";

export type { ColumnDef };

type DataTableProps<T> = {
  page: Omit<Page<T>, "rows"> & { rows: T[] };
  columns: ColumnDef<T, unknown>[];
  /** Extra filter fields (selects) shown beside the search box. */
  filters?: ReactNode;
  /** Where the CSV/XLSX export of the same filtered list is served. */
  exportPath?: string;
  caption: string;
  searchLabel?: string;
};

/**
 * The one table of the portal. The server sorts, filters and pages (TanStack Table in manual mode);
 * the state lives in the URL, so every link works without JavaScript and can be bookmarked.
 */
export function DataTable<T>({ page, columns, filters, exportPath, caption, searchLabel }: DataTableProps<T>) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const search = new URLSearchParams(location.search);
  const table = useReactTable({
    data: page.rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    pageCount: page.pageCount,
    state: {
      sorting: [{ id: page.sort, desc: page.dir === "desc" }],
      pagination: { pageIndex: page.page - 1, pageSize: page.pageSize },
    },
  });
  const exportSearch = new URLSearchParams(search);
  exportSearch.delete("page");
  exportSearch.delete("size");

  return (
    <div className="data-table">
      <Form method="get" className="table-filters" role="search">
        <div className="field">
          <label htmlFor="table-q">{searchLabel ?? t("table.search")}</label>
          <input id="table-q" type="search" name="q" defaultValue={page.q} />
        </div>
        {filters}
        {page.sort ? <input type="hidden" name="sort" value={page.sort} /> : null}
        {page.dir ? <input type="hidden" name="dir" value={page.dir} /> : null}
        <input type="hidden" name="size" value={page.pageSize} />
        <div className="table-filter-actions">
          <button type="submit" className="button button-secondary">
            {t("table.filter")}
          </button>
          <Link to={location.pathname} className="button-link">
            {t("table.clear")}
          </Link>
        </div>
      </Form>

      <div className="table-toolbar">
        <p className="table-total" aria-live="polite">
          {t("table.total", { total: formatNumber(page.total, i18n.language) })}
        </p>
        {exportPath ? (
          <p className="table-export">
            <span>{t("table.export")}:</span>{" "}
            <a href={`${exportPath}?${new URLSearchParams([...exportSearch, ["format", "csv"]])}`} download>
              {t("table.exportCsv")}
            </a>{" "}
            ·{" "}
            <a href={`${exportPath}?${new URLSearchParams([...exportSearch, ["format", "xlsx"]])}`} download>
              {t("table.exportXlsx")}
            </a>
          </p>
        ) : null}
      </div>

      <p className="mobile-sort">
        {table
          .getAllLeafColumns()
          .filter((column) => column.columnDef.enableSorting === true)
          .map((column) => {
            const active = page.sort === column.id;
            const nextDir = active && page.dir === "asc" ? "desc" : "asc";
            const header = column.columnDef.header;
            return (
              <Link
                key={column.id}
                to={listHref(search, { sort: column.id, dir: nextDir })}
                aria-current={active ? "true" : undefined}
              >
                {typeof header === "string" ? header : column.id}
                <span aria-hidden="true">{active ? (page.dir === "asc" ? " ▲" : " ▼") : ""}</span>
              </Link>
            );
          })}
      </p>

      <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
        <table>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const label = flexRender(header.column.columnDef.header, header.getContext());
                  const sortable = header.column.columnDef.enableSorting === true;
                  const active = page.sort === header.column.id;
                  const nextDir = active && page.dir === "asc" ? "desc" : "asc";
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={active ? (page.dir === "asc" ? "ascending" : "descending") : undefined}
                    >
                      {sortable ? (
                        <Link to={listHref(search, { sort: header.column.id, dir: nextDir })} className="sort-link">
                          {label}
                          <span aria-hidden="true">{active ? (page.dir === "asc" ? " ▲" : " ▼") : " ↕"}</span>
                        </Link>
                      ) : (
                        label
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="table-empty">
                  {t("table.empty")}
                </td>
              </tr>
            ) : (
              table.getRowModel().rows.map((row) => (
                <tr key={row.id}>
                  {row.getVisibleCells().map((cell) => (
                    <td
                      key={cell.id}
                      data-label={
                        typeof cell.column.columnDef.header === "string" ? cell.column.columnDef.header : undefined
                      }
                    >
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>

      <nav
        className="pagination"
        aria-label={t("table.page", { page: String(page.page), pages: String(page.pageCount) })}
      >
        {page.page > 1 ? (
          <Link to={listHref(search, { page: page.page - 1 })} rel="prev">
            ← {t("table.previous")}
          </Link>
        ) : (
          <span aria-disabled="true" className="disabled">
            ← {t("table.previous")}
          </span>
        )}
        <span>{t("table.page", { page: String(page.page), pages: String(page.pageCount) })}</span>
        {page.page < page.pageCount ? (
          <Link to={listHref(search, { page: page.page + 1 })} rel="next">
            {t("table.next")} →
          </Link>
        ) : (
          <span aria-disabled="true" className="disabled">
            {t("table.next")} →
          </span>
        )}
        <span className="page-sizes">
          {t("table.pageSize")}:{" "}
          {PAGE_SIZES.map((size) => (
            <Link key={size} to={listHref(search, { size })} aria-current={size === page.pageSize ? "true" : undefined}>
              {size}
            </Link>
          ))}
        </span>
      </nav>
    </div>
  );
}

/** A <select> filter for the DataTable's filter form. */
export function FilterSelect({
  name,
  label,
  value,
  options,
  allLabel,
}: {
  name: string;
  label: string;
  value?: string;
  options: { value: string; label: string }[];
  allLabel: string;
}) {
  return (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

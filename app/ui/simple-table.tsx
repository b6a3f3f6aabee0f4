import type { ReactNode } from "react";

export type SimpleColumn<T> = {
  key: string;
  /** The column's heading; a plain-text heading also labels each cell when a phone stacks the table. */
  header: ReactNode;
  cell: (row: T, index: number) => ReactNode;
  /** "end" for numbers and money (the `numeric` class on the heading and the cells). */
  align?: "start" | "end";
  /** Extra classes of the body cells; a function gives a class per row. */
  className?: string | ((row: T) => string | undefined);
  /** The column names its row: its cells are `<th scope="row">`. */
  rowHeader?: boolean;
  /** A heading for screen readers only (an actions column); its cells then carry no phone label. */
  hideHeader?: boolean;
  /** The phone label when the heading is not plain text, or false for none. */
  label?: string | false;
  /** The column's cell in the footer row (a total); the footer row shows when any column has one. */
  footer?: ReactNode;
};

type SimpleTableProps<T> = {
  /** Falsy entries are skipped, so that a column can be written `canEdit && { … }`. */
  columns: (SimpleColumn<T> | false | null | undefined)[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string | number;
  caption?: ReactNode;
  /** The caption names the table for screen readers only (the page's heading already shows it). */
  captionHidden?: boolean;
  /** Shown in one full-width row when there are no rows. */
  empty?: ReactNode;
  className?: string;
  /** Whether the table scrolls sideways in its own box on a narrow screen (default true). */
  scroll?: boolean;
  /** False for a two-column list of names and values, which needs no heading row. */
  head?: boolean;
};

/**
 * The static table of the portal: a typed list of columns over the rows a loader already shaped. Lists that
 * filter, sort and page on the server use `DataTable`; this one renders the same markup for everything else.
 */
export function SimpleTable<T>({
  columns: maybeColumns,
  rows,
  rowKey,
  caption,
  captionHidden,
  empty,
  className,
  scroll = true,
  head = true,
}: SimpleTableProps<T>) {
  const columns = maybeColumns.filter((column): column is SimpleColumn<T> => Boolean(column));
  const hasFooter = columns.some((column) => column.footer !== undefined);
  const table = (
    <table className={className}>
      {caption ? <caption className={captionHidden ? "visually-hidden" : undefined}>{caption}</caption> : null}
      {head ? (
        <thead>
          <tr>
            {columns.map((column) =>
              column.rowHeader && column.header === "" ? (
                // The corner above the row headings heads nothing: an empty <th> would be announced as a heading.
                <td key={column.key} />
              ) : (
                <th key={column.key} scope="col" className={alignClass(column)}>
                  {column.hideHeader ? <span className="visually-hidden">{column.header}</span> : column.header}
                </th>
              ),
            )}
          </tr>
        </thead>
      ) : null}
      <tbody>
        {rows.length === 0 && empty ? (
          <tr>
            <td colSpan={columns.length} className="table-empty">
              {empty}
            </td>
          </tr>
        ) : (
          rows.map((row, index) => (
            <tr key={rowKey(row, index)}>
              {columns.map((column) => (
                <Cell
                  key={column.key}
                  column={column}
                  className={classes(
                    alignClass(column),
                    typeof column.className === "function" ? column.className(row) : column.className,
                  )}
                >
                  {column.cell(row, index)}
                </Cell>
              ))}
            </tr>
          ))
        )}
      </tbody>
      {hasFooter ? (
        <tfoot>
          <tr>
            {columns.map((column) => (
              <Cell key={column.key} column={column} className={alignClass(column)}>
                {column.footer}
              </Cell>
            ))}
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
  return scroll ? <div className="table-scroll">{table}</div> : table;
}

function Cell<T>({
  column,
  className,
  children,
}: {
  column: SimpleColumn<T>;
  className: string | undefined;
  children: ReactNode;
}) {
  if (column.rowHeader)
    return (
      <th scope="row" className={className}>
        {children}
      </th>
    );
  return (
    <td data-label={phoneLabel(column)} className={className}>
      {children}
    </td>
  );
}

function phoneLabel<T>(column: SimpleColumn<T>): string | undefined {
  if (column.label !== undefined) return column.label || undefined;
  if (column.hideHeader) return undefined;
  return typeof column.header === "string" && column.header ? column.header : undefined;
}

function alignClass<T>(column: SimpleColumn<T>): string | undefined {
  return column.align === "end" ? "numeric" : undefined;
}

function classes(...names: (string | undefined)[]): string | undefined {
  return names.filter(Boolean).join(" ") || undefined;
}

import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SimpleTable } from "../../app/ui/simple-table";

type Year = { year: number; entries: number; winners: number };
const years: Year[] = [
  { year: 2023, entries: 40, winners: 5 },
  { year: 2024, entries: 52, winners: -1 },
];

function render(props: Partial<Parameters<typeof SimpleTable<Year>>[0]> = {}) {
  return renderToStaticMarkup(
    <SimpleTable<Year>
      rows={years}
      rowKey={(row) => row.year}
      columns={[
        { key: "year", header: "Năm", rowHeader: true, cell: (row) => row.year },
        { key: "entries", header: "Hồ sơ", align: "end", cell: (row) => row.entries },
        {
          key: "winners",
          header: "Đạt giải",
          className: (row) => (row.winners < 0 ? "negative" : undefined),
          cell: (row) => row.winners,
        },
        false,
        { key: "actions", header: "Thao tác", hideHeader: true, cell: () => "…" },
      ]}
      {...props}
    />,
  );
}

describe("SimpleTable", () => {
  it("renders column headings with scope, row headings, and phone labels from plain-text headings", () => {
    const markup = render();
    expect(markup).toMatch(/^<div class="table-scroll"><table><thead><tr><th scope="col">Năm<\/th>/);
    expect(markup).toContain('<th scope="col" class="numeric">Hồ sơ</th>');
    expect(markup).toContain('<th scope="col"><span class="visually-hidden">Thao tác</span></th>');
    expect(markup).toContain('<tr><th scope="row">2023</th><td data-label="Hồ sơ" class="numeric">40</td>');
    expect(markup).toContain('<td data-label="Đạt giải" class="negative">-1</td>');
    // An actions column has no visible heading, so its cells carry no phone label either.
    expect(markup).toContain("<td>…</td>");
    expect(markup).not.toContain("<tfoot>");
  });

  it("names the table with a caption, hidden from sight when the page heading already shows it", () => {
    expect(render({ caption: "Theo năm" })).toContain("<caption>Theo năm</caption>");
    expect(render({ caption: "Theo năm", captionHidden: true })).toContain(
      '<caption class="visually-hidden">Theo năm</caption>',
    );
  });

  it("shows the empty text across all columns when there are no rows", () => {
    expect(render({ rows: [], empty: "Chưa có dữ liệu" })).toContain(
      '<tbody><tr><td colSpan="4" class="table-empty">Chưa có dữ liệu</td></tr></tbody>',
    );
  });

  it("adds a footer row when a column has a footer, and can leave out the scroll box and the heading row", () => {
    const markup = renderToStaticMarkup(
      <SimpleTable<Year>
        scroll={false}
        head={false}
        rows={years}
        rowKey={(row) => row.year}
        columns={[
          { key: "year", header: "Năm", rowHeader: true, cell: (row) => row.year, footer: "Tổng" },
          { key: "entries", header: "Hồ sơ", align: "end", cell: (row) => row.entries, footer: 92 },
        ]}
      />,
    );
    expect(markup).toMatch(/^<table><tbody>/);
    expect(markup).toContain('<tfoot><tr><th scope="row">Tổng</th><td data-label="Hồ sơ" class="numeric">92</td></tr>');
  });
});

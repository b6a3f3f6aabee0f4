import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart, PairedBarChart, type ChartBar } from "../../app/ui/charts";

const formatValue = (value: number) => new Intl.NumberFormat("vi-VN").format(value);

const years: ChartBar[] = [
  { key: "2023", label: "2023", value: 1234, href: "/staff/entries?year=2023" },
  { key: "2024", label: "2024", value: 56, href: "/staff/entries?year=2024" },
  { key: "2025", label: "2025", value: 0 },
];

const longLabel = "Hỗ trợ chuyển đổi số cho doanh nghiệp nhỏ và vừa tại Quảng Ngãi";

function countMatches(markup: string, pattern: RegExp): number {
  return markup.match(pattern)?.length ?? 0;
}

const barRect = /<rect[^>]*class="[^"]*\bchart-bar\b[^"]*"/g;

/** The text of each row of the visually hidden table, cells joined by "|". */
function tableRows(markup: string): string[] {
  const table = /<table class="visually-hidden">([\s\S]*?)<\/table>/.exec(markup)?.[1] ?? "";
  const body = /<tbody>([\s\S]*)<\/tbody>/.exec(table)?.[1] ?? "";
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1]).join("|"),
  );
}

describe("BarChart", () => {
  const markup = renderToStaticMarkup(
    <BarChart title="Hồ sơ theo năm" bars={years} formatValue={formatValue} emptyText="Chưa có dữ liệu" />,
  );

  it("renders a captioned, labelled SVG figure without inline styles", () => {
    expect(markup).not.toContain(" style=");
    expect(markup).toMatch(/^<figure class="chart"><figcaption>Hồ sơ theo năm<\/figcaption>/);
    const labelledBy = /<svg[^>]*aria-labelledby="([^"]+)"/.exec(markup)?.[1];
    expect(labelledBy).toBeTruthy();
    expect(markup).toContain(`<title id="${labelledBy}">Hồ sơ theo năm</title>`);
    expect(markup).toMatch(/<svg viewBox="0 0 480 240" role="group"/);
  });

  it("draws one bar per category in the tone's colour class", () => {
    expect(countMatches(markup, barRect)).toBe(3);
    expect(countMatches(markup, /chart-bar-primary/g)).toBe(3);
  });

  it("links the bars that have a drill-down href, named by the texts they show (no aria-label)", () => {
    expect(markup).toContain('<a href="/staff/entries?year=2023">');
    expect(markup).toContain('<a href="/staff/entries?year=2024">');
    expect(markup).not.toMatch(/<a [^>]*aria-label/);
    expect(countMatches(markup, /<a /g)).toBe(2);
  });

  it("shows the formatted values and the category labels as SVG text", () => {
    expect(markup).toMatch(/<text[^>]*class="chart-value"[^>]*>1.234<\/text>/);
    expect(markup).toMatch(/<text[^>]*class="chart-value"[^>]*>0<\/text>/);
    expect(markup).toMatch(/<text[^>]*class="chart-label"[^>]*>2025<\/text>/);
  });

  it("repeats the data in a visually hidden table", () => {
    expect(tableRows(markup)).toEqual(["2023|1.234", "2024|56", "2025|0"]);
  });

  it("uses role img when no bar is a link", () => {
    const plain = renderToStaticMarkup(
      <BarChart
        title="T"
        bars={[{ key: "a", label: "A", value: 0.2 }]}
        formatValue={String}
        emptyText="-"
        tone="success"
      />,
    );
    expect(plain).toMatch(/<svg[^>]*role="img"/);
    expect(plain).not.toContain("<a ");
    expect(countMatches(plain, /chart-bar-success/g)).toBe(1);
  });

  it.each([
    ["no bars", []],
    [
      "only zeros",
      [
        { key: "a", label: "A", value: 0 },
        { key: "b", label: "B", value: 0 },
      ],
    ],
  ])("shows the empty text and no SVG for %s", (_case, bars: ChartBar[]) => {
    const empty = renderToStaticMarkup(
      <BarChart title="Giải thưởng" bars={bars} formatValue={formatValue} emptyText="Chưa có dữ liệu" />,
    );
    expect(empty).toContain("Chưa có dữ liệu");
    expect(empty).toContain("<figcaption>Giải thưởng</figcaption>");
    expect(empty).not.toContain("<svg");
    expect(empty).not.toContain("<table");
  });
});

describe("BarChart horizontal", () => {
  const bars: ChartBar[] = [
    { key: "digital", label: longLabel, value: 7, href: "/staff/tech?field=digital" },
    { key: "farm", label: "Nông nghiệp", value: 3 },
    { key: "health", label: "Y tế", value: 12 },
    { key: "edu", label: "Giáo dục", value: 1 },
  ];
  const markup = renderToStaticMarkup(
    <BarChart
      title="Theo lĩnh vực"
      bars={bars}
      formatValue={formatValue}
      emptyText="-"
      orientation="horizontal"
      tone="warning"
    />,
  );

  it("grows the viewBox with the number of rows", () => {
    const height = Number(/viewBox="0 0 480 (\d+)"/.exec(markup)?.[1]);
    const twoRows = renderToStaticMarkup(
      <BarChart title="T" bars={bars.slice(0, 2)} formatValue={formatValue} emptyText="-" orientation="horizontal" />,
    );
    const twoRowsHeight = Number(/viewBox="0 0 480 (\d+)"/.exec(twoRows)?.[1]);
    expect(height - twoRowsHeight).toBe(2 * 52);
    expect(countMatches(markup, barRect)).toBe(4);
    expect(countMatches(markup, /chart-bar-warning/g)).toBe(4);
    expect(markup).not.toContain(" style=");
  });

  it("puts each category label on its own line above its bar, the chart's full width", () => {
    expect(markup).toMatch(/<text x="0"[^>]*text-anchor="start" class="chart-label">Nông nghiệp<\/text>/);
  });

  it("cuts long labels with an ellipsis and keeps the full text in a <title>", () => {
    const shown = /<text[^>]*class="chart-label">([^<]*)<title>([^<]*)<\/title><\/text>/.exec(markup);
    expect(shown?.[1].endsWith("…")).toBe(true);
    expect(Array.from(shown?.[1] ?? "").length).toBeLessThanOrEqual(46);
    expect(shown?.[2]).toBe(longLabel);
    expect(countMatches(markup, /<title>/g)).toBe(1);
  });

  it("keeps the full label in the link (its <title>) and the table", () => {
    expect(markup).toMatch(/<a href="\/staff\/tech\?field=digital">.*<title>[^<]*<\/title>/);
    expect(tableRows(markup)).toContain(`${longLabel}|7`);
  });
});

describe("PairedBarChart", () => {
  const categories = [
    { key: "2024", label: "2024", first: 1_500_000, second: 1_200_000, href: "/staff/sme?year=2024" },
    { key: "2025", label: "2025", first: 800_000, second: 0 },
  ];
  const markup = renderToStaticMarkup(
    <PairedBarChart
      title="Kinh phí"
      categories={categories}
      firstLabel="Dự toán"
      secondLabel="Được duyệt"
      formatValue={formatValue}
      emptyText="Chưa có dữ liệu"
    />,
  );

  it("draws two bars per category, one per series colour", () => {
    expect(markup).not.toContain(" style=");
    expect(countMatches(markup, barRect)).toBe(4);
    expect(countMatches(markup, /<rect[^>]*chart-bar-primary/g)).toBe(2);
    expect(countMatches(markup, /<rect[^>]*chart-bar-accent/g)).toBe(2);
  });

  it("shows a legend with class-based swatches", () => {
    expect(markup).toContain(
      '<ul class="chart-legend"><li><span class="chart-swatch chart-swatch-primary" aria-hidden="true"></span>Dự toán</li>' +
        '<li><span class="chart-swatch chart-swatch-accent" aria-hidden="true"></span>Được duyệt</li></ul>',
    );
  });

  it("links a category to its drill-down, named by the label and both values it shows", () => {
    expect(markup).toContain('<a href="/staff/sme?year=2024">');
    expect(markup).not.toMatch(/<a [^>]*aria-label/);
    expect(countMatches(markup, /<a /g)).toBe(1);
    expect(markup).toMatch(/>1.500.000<\/text>/);
  });

  it("repeats both series in the hidden table", () => {
    expect(markup).toContain('<th scope="col">Dự toán</th><th scope="col">Được duyệt</th>');
    expect(tableRows(markup)).toEqual(["2024|1.500.000|1.200.000", "2025|800.000|0"]);
  });

  it("shows the empty text when every amount is zero", () => {
    const empty = renderToStaticMarkup(
      <PairedBarChart
        title="Kinh phí"
        categories={[{ key: "2025", label: "2025", first: 0, second: 0 }]}
        firstLabel="Dự toán"
        secondLabel="Được duyệt"
        formatValue={formatValue}
        emptyText="Chưa có dữ liệu"
      />,
    );
    expect(empty).toContain('<p class="chart-empty">Chưa có dữ liệu</p>');
    expect(empty).not.toContain("<svg");
  });
});

import { useId, type ReactNode } from "react";
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";
import { SimpleTable } from "./simple-table";

/*
 * Server-rendered bar charts: plain SVG built during SSR with a fixed viewBox that CSS scales
 * (`.chart svg { width: 100%; height: auto }`). No client JavaScript, no DOM measuring and no
 * `style` attributes (CSP `style-src 'self'`): colours and fonts come from the `.chart*` classes
 * in app/styles/app.css. Each chart also carries a visually hidden table of its data.
 */

export type ChartBar = { key: string; label: string; value: number; href?: string };
export type ChartTone = "primary" | "accent" | "success" | "warning";
export type PairedCategory = { key: string; label: string; first: number; second: number; href?: string };

/*
 * The sizes are viewBox units. On a phone (390 px) the SVG is drawn at about 0.68 of its viewBox, and `.chart text` is 19
 * units there (app.css), so no text is smaller than 12 px; on a desktop 13 units are drawn at 13 px or more.
 */
const VIEW_WIDTH = 480;
const VERTICAL_HEIGHT = 240;
const VERTICAL_MARGIN = { top: 28, right: 8, bottom: 32, left: 8 };
/** A horizontal row: its label on a line of its own, the full width, then its bar (one per series) and value. */
const ROW_LABEL = 24;
const ROW_BAR = 18;
const ROW_GAP = 4;
const ROW_END = 10;
const HORIZONTAL_MARGIN = { top: 4, right: 72, bottom: 4, left: 8 };
const LABEL_GAP = 6;
/** Generous width of one character of `.chart text` at its largest (19 units), to cut labels that would not fit. */
const CHAR_WIDTH = 11;
/** Labels of horizontal rows longer than this are cut with "…" (the full text stays in a <title> and the table). */
const HORIZONTAL_LABEL_MAX = Math.floor((VIEW_WIDTH - HORIZONTAL_MARGIN.left - 4) / CHAR_WIDTH);
/** Shifts a text's centre line onto its y coordinate (instead of its baseline). */
const CENTRE_BASELINE = "0.35em";

type TextAnchor = "start" | "middle" | "end";
type Rect = { x: number; y: number; width: number; height: number };

/** Domain [0, max] for the value axis; at least 1 so an all-small chart still renders. */
function valueScale(values: number[], range: [number, number]) {
  return scaleLinear<number>({ domain: [0, Math.max(1, ...values)], range, nice: true });
}

function truncate(label: string, maxChars: number): string {
  const chars = Array.from(label.normalize("NFC"));
  return chars.length > maxChars
    ? `${chars
        .slice(0, maxChars - 1)
        .join("")
        .trimEnd()}…`
    : label;
}

function hasData(values: number[]): boolean {
  return values.some((value) => value !== 0);
}

/** A chart's frame: caption, optional legend, the SVG and the screen-reader table. */
function ChartFigure(props: {
  title: string;
  height: number;
  interactive: boolean;
  legend?: ReactNode;
  table: ReactNode;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <figure className="chart">
      <figcaption>{props.title}</figcaption>
      {props.legend}
      {/* With links inside, role="img" would hide them from assistive technology. */}
      <svg
        viewBox={`0 0 ${VIEW_WIDTH} ${props.height}`}
        role={props.interactive ? "group" : "img"}
        aria-labelledby={titleId}
      >
        <title id={titleId}>{props.title}</title>
        {props.children}
      </svg>
      {props.table}
    </figure>
  );
}

function EmptyChart({ title, emptyText }: { title: string; emptyText: string }) {
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <p className="chart-empty">{emptyText}</p>
    </figure>
  );
}

/** The chart's data for screen readers: one row per category, one cell per series. */
function ChartTable(props: {
  title: string;
  columns?: string[];
  rows: { key: string; label: string; values: string[] }[];
}) {
  const columns = props.columns ?? props.rows[0]?.values.map(() => "") ?? [];
  return (
    <SimpleTable
      className="visually-hidden"
      scroll={false}
      head={props.columns !== undefined}
      caption={props.title}
      rows={props.rows}
      rowKey={(row) => row.key}
      columns={[
        { key: "", header: "", rowHeader: true, cell: (row) => row.label },
        ...columns.map((column, index) => ({
          key: `${index}`,
          header: column,
          label: false as const,
          cell: (row: { values: string[] }) => row.values[index],
        })),
      ]}
    />
  );
}

/** A text of the chart, centred vertically on y; a cut label keeps its full text as a tooltip. */
function ChartText(props: {
  x: number;
  y: number;
  anchor: TextAnchor;
  className: string;
  text: string;
  fullText?: string;
}) {
  return (
    <text x={props.x} y={props.y} dy={CENTRE_BASELINE} textAnchor={props.anchor} className={props.className}>
      {props.text}
      {props.fullText !== undefined && props.fullText !== props.text && <title>{props.fullText}</title>}
    </text>
  );
}

/**
 * Wraps a category's bars and labels in a drill-down link when it has one. The link covers the category's whole
 * row or column (`hit`), so a click between the label and a short bar still follows it. It has no aria-label: its
 * name is the texts it shows (value and category, a cut label's <title> with the full text), so what a sighted user
 * reads is what a screen reader or voice control hears (WCAG 2.5.3, axe's label-content-name-mismatch).
 */
function CategoryLink({ href, hit, children }: { href?: string; hit: Rect; children: ReactNode }) {
  if (!href) return <g>{children}</g>;
  return (
    <a href={href}>
      <rect className="chart-hit" x={hit.x} y={hit.y} width={hit.width} height={hit.height} />
      {children}
    </a>
  );
}

function ChartBarRect({ rect, tone }: { rect: Rect; tone: ChartTone }) {
  return <Bar {...rect} className={`chart-bar chart-bar-${tone}`} />;
}

type BarChartProps = {
  title: string;
  bars: ChartBar[];
  formatValue: (value: number) => string;
  orientation?: "vertical" | "horizontal";
  emptyText: string;
  tone?: ChartTone;
};

/** One series as columns (vertical, e.g. per year) or rows (horizontal, for long category labels). */
export function BarChart({
  title,
  bars,
  formatValue,
  orientation = "vertical",
  emptyText,
  tone = "primary",
}: BarChartProps) {
  if (!hasData(bars.map((bar) => bar.value))) return <EmptyChart title={title} emptyText={emptyText} />;
  const plot = (orientation === "horizontal" ? horizontalPlot : verticalPlot)({ bars, formatValue, tone });
  const table = (
    <ChartTable
      title={title}
      rows={bars.map((bar) => ({ key: bar.key, label: bar.label, values: [formatValue(bar.value)] }))}
    />
  );
  return (
    <ChartFigure title={title} height={plot.height} interactive={bars.some((bar) => bar.href)} table={table}>
      {plot.content}
    </ChartFigure>
  );
}

type PlotInput = { bars: ChartBar[]; formatValue: (value: number) => string; tone: ChartTone };
/** A laid-out series: the SVG content and the viewBox height it needs. */
type Plot = { height: number; content: ReactNode };

function verticalPlot({ bars, formatValue, tone }: PlotInput): Plot {
  const margin = VERTICAL_MARGIN;
  const innerWidth = VIEW_WIDTH - margin.left - margin.right;
  const innerHeight = VERTICAL_HEIGHT - margin.top - margin.bottom;
  const x = scaleBand<string>({ domain: bars.map((bar) => bar.key), range: [0, innerWidth], padding: 0.25 });
  const y = valueScale(
    bars.map((bar) => bar.value),
    [innerHeight, 0],
  );
  const labelMax = Math.max(3, Math.floor(x.step() / CHAR_WIDTH));
  const content = (
    <Group left={margin.left} top={margin.top}>
      {bars.map((bar) => {
        const top = y(Math.max(0, bar.value));
        const centre = (x(bar.key) ?? 0) + x.bandwidth() / 2;
        const value = formatValue(bar.value);
        return (
          <CategoryLink
            key={bar.key}
            href={bar.href}
            hit={{
              x: (x(bar.key) ?? 0) - (x.step() - x.bandwidth()) / 2,
              y: -margin.top,
              width: x.step(),
              height: VERTICAL_HEIGHT,
            }}
          >
            <ChartBarRect
              rect={{ x: x(bar.key) ?? 0, y: top, width: x.bandwidth(), height: innerHeight - top }}
              tone={tone}
            />
            <ChartText x={centre} y={top - 10} anchor="middle" className="chart-value" text={value} />
            <ChartText
              x={centre}
              y={innerHeight + 16}
              anchor="middle"
              className="chart-label"
              text={truncate(bar.label, labelMax)}
              fullText={bar.label}
            />
          </CategoryLink>
        );
      })}
      <line className="chart-axis" x1={0} x2={innerWidth} y1={innerHeight} y2={innerHeight} />
    </Group>
  );
  return { height: VERTICAL_HEIGHT, content };
}

/** The viewBox height of `rows` horizontal rows of `series` bars each. */
function rowHeight(series: number): number {
  return ROW_LABEL + series * ROW_BAR + (series - 1) * ROW_GAP + ROW_END;
}

function horizontalPlot({ bars, formatValue, tone }: PlotInput): Plot {
  const margin = HORIZONTAL_MARGIN;
  const innerWidth = VIEW_WIDTH - margin.left - margin.right;
  const row = rowHeight(1);
  const innerHeight = bars.length * row;
  const x = valueScale(
    bars.map((bar) => bar.value),
    [0, innerWidth],
  );
  const content = (
    <Group left={margin.left} top={margin.top}>
      {bars.map((bar, index) => {
        const length = x(Math.max(0, bar.value));
        const top = index * row;
        const value = formatValue(bar.value);
        return (
          <CategoryLink key={bar.key} href={bar.href} hit={{ x: -margin.left, y: top, width: VIEW_WIDTH, height: row }}>
            <ChartText
              x={0}
              y={top + ROW_LABEL / 2}
              anchor="start"
              className="chart-label"
              text={truncate(bar.label, HORIZONTAL_LABEL_MAX)}
              fullText={bar.label}
            />
            <ChartBarRect rect={{ x: 0, y: top + ROW_LABEL, width: length, height: ROW_BAR }} tone={tone} />
            <ChartText
              x={length + LABEL_GAP}
              y={top + ROW_LABEL + ROW_BAR / 2}
              anchor="start"
              className="chart-value"
              text={value}
            />
          </CategoryLink>
        );
      })}
      <line className="chart-axis" x1={0} x2={0} y1={ROW_LABEL} y2={innerHeight - ROW_END} />
    </Group>
  );
  return { height: innerHeight + margin.top + margin.bottom, content };
}

type Series = "first" | "second";
const SERIES: { key: Series; tone: ChartTone }[] = [
  { key: "first", tone: "primary" },
  { key: "second", tone: "accent" },
];

type PairedBarChartProps = {
  title: string;
  categories: PairedCategory[];
  firstLabel: string;
  secondLabel: string;
  formatValue: (value: number) => string;
  emptyText: string;
};

/**
 * Two series per category (e.g. budget vs approved amount per year), as rows: the category's label on its own line,
 * then one bar per series with its value, so that long values never overlap on a phone.
 */
export function PairedBarChart({
  title,
  categories,
  firstLabel,
  secondLabel,
  formatValue,
  emptyText,
}: PairedBarChartProps) {
  const values = categories.flatMap((category) => [category.first, category.second]);
  if (!hasData(values)) return <EmptyChart title={title} emptyText={emptyText} />;
  const seriesLabel: Record<Series, string> = { first: firstLabel, second: secondLabel };
  const margin = HORIZONTAL_MARGIN;
  const innerWidth = VIEW_WIDTH - margin.left - margin.right;
  const row = rowHeight(SERIES.length);
  const innerHeight = categories.length * row;
  const x = valueScale(values, [0, innerWidth]);
  const legend = (
    <ul className="chart-legend">
      {SERIES.map((series) => (
        <li key={series.key}>
          <span className={`chart-swatch chart-swatch-${series.tone}`} aria-hidden="true" />
          {seriesLabel[series.key]}
        </li>
      ))}
    </ul>
  );
  const table = (
    <ChartTable
      title={title}
      columns={[firstLabel, secondLabel]}
      rows={categories.map((category) => ({
        key: category.key,
        label: category.label,
        values: [formatValue(category.first), formatValue(category.second)],
      }))}
    />
  );
  return (
    <ChartFigure
      title={title}
      height={innerHeight + margin.top + margin.bottom}
      interactive={categories.some((category) => category.href)}
      legend={legend}
      table={table}
    >
      <Group left={margin.left} top={margin.top}>
        {categories.map((category, index) => {
          const top = index * row;
          return (
            <CategoryLink
              key={category.key}
              href={category.href}
              hit={{ x: -margin.left, y: top, width: VIEW_WIDTH, height: row }}
            >
              <ChartText
                x={0}
                y={top + ROW_LABEL / 2}
                anchor="start"
                className="chart-label"
                text={truncate(category.label, HORIZONTAL_LABEL_MAX)}
                fullText={category.label}
              />
              {SERIES.map((series, position) => {
                const length = x(Math.max(0, category[series.key]));
                const barTop = top + ROW_LABEL + position * (ROW_BAR + ROW_GAP);
                return (
                  <g key={series.key}>
                    <ChartBarRect rect={{ x: 0, y: barTop, width: length, height: ROW_BAR }} tone={series.tone} />
                    <ChartText
                      x={length + LABEL_GAP}
                      y={barTop + ROW_BAR / 2}
                      anchor="start"
                      className="chart-value"
                      text={formatValue(category[series.key])}
                    />
                  </g>
                );
              })}
            </CategoryLink>
          );
        })}
        <line className="chart-axis" x1={0} x2={0} y1={ROW_LABEL} y2={innerHeight - ROW_END} />
      </Group>
    </ChartFigure>
  );
}

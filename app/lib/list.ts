/** The state of a server-paginated list, read from and written to the URL's search params. */
export type SortDirection = "asc" | "desc";

export type ListState = {
  page: number;
  pageSize: number;
  sort: string;
  dir: SortDirection;
  q: string;
  filters: Record<string, string>;
};

export type Page<T> = ListState & { rows: T[]; total: number; pageCount: number };

export const PAGE_SIZES = [10, 25, 50, 100] as const;

export function readListState<S extends string>(
  search: URLSearchParams,
  spec: { sortable: readonly S[]; defaultSort: S; defaultDir?: SortDirection; filters?: readonly string[] },
): ListState & { sort: S } {
  const page = Math.max(1, Math.min(100_000, Number.parseInt(search.get("page") ?? "1", 10) || 1));
  const requestedSize = Number.parseInt(search.get("size") ?? "25", 10);
  const pageSize = (PAGE_SIZES as readonly number[]).includes(requestedSize) ? requestedSize : 25;
  const requestedSort = search.get("sort") as S | null;
  const sort = requestedSort && spec.sortable.includes(requestedSort) ? requestedSort : spec.defaultSort;
  const dirParam = search.get("dir");
  const dir: SortDirection = dirParam === "asc" || dirParam === "desc" ? dirParam : (spec.defaultDir ?? "asc");
  const q = (search.get("q") ?? "").trim().slice(0, 100);
  const filters: Record<string, string> = {};
  for (const name of spec.filters ?? []) {
    const value = search.get(name)?.trim();
    if (value) filters[name] = value.slice(0, 100);
  }
  return { page, pageSize, sort, dir, q, filters };
}

export function toPage<T>(rows: T[], total: number, state: ListState): Page<T> {
  return { ...state, rows, total, pageCount: Math.max(1, Math.ceil(total / state.pageSize)) };
}

export function offsetOf(state: ListState): number {
  return (state.page - 1) * state.pageSize;
}

/** The search string for the same list with some params changed (page resets unless given). */
export function listHref(current: URLSearchParams, changes: Record<string, string | number | null>): string {
  const next = new URLSearchParams(current);
  if (!("page" in changes)) next.delete("page");
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === "") next.delete(key);
    else next.set(key, String(value));
  }
  const text = next.toString();
  return text ? `?${text}` : "?";
}

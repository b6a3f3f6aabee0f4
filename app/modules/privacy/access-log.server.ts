/**
 * The log of who saw or exported other people's personal data (Decree 13/2023/NĐ-CP: contacts of members,
 * participants, applicants). One row per page or file, never per person shown, so that a list of a thousand
 * participants costs one insert. The loaders and exports that reveal contacts call `logPersonalDataAccess`; admins
 * read the log on /admin/privacy/access and export it.
 */
import type { PersonalDataAccessKind, PersonalDataSubject } from "../../../db/types";
import type { DB } from "../../lib/db.server";
import { newId } from "../../lib/ids.server";
import { offsetOf, readListState, toPage, type ListState } from "../../lib/list";
import { provinceLocalToIso } from "../../lib/province-time";
import { containsText } from "../../lib/search-sql";
import { nowIso } from "../../lib/time.server";
import { PERSONAL_DATA_SUBJECTS } from "./rules";

export type PersonalDataAccess = {
  actor: { id: string };
  kind: PersonalDataAccessKind;
  /** Whose data: the kind of record, and the record when the page is about one (a user, an entry, an event). */
  subject: { type: PersonalDataSubject; id?: string | null };
  /** The path and query requested: `routeOf(request)`. */
  route: string;
  /** How many people's contacts were shown or exported; nothing is written when none were. */
  count: number;
  ip?: string | null;
};

/** The path and query of a request, as the log keeps it (no host: links come from PUBLIC_URL). */
export function routeOf(request: Request): string {
  const url = new URL(request.url);
  return (url.pathname + url.search).slice(0, 500);
}

/** One insert per request that revealed other people's contacts (none when it revealed nobody's). */
export async function logPersonalDataAccess(db: DB, access: PersonalDataAccess): Promise<void> {
  if (access.count <= 0) return;
  await db
    .insertInto("personal_data_access")
    .values({
      id: newId(),
      actor_id: access.actor.id,
      kind: access.kind,
      subject_type: access.subject.type,
      subject_id: access.subject.id ?? null,
      route: access.route,
      row_count: access.count,
      ip: access.ip ?? null,
      created_at: nowIso(),
    })
    .execute();
}

export const ACCESS_LOG_LIST = {
  sortable: ["created_at"],
  defaultSort: "created_at",
  defaultDir: "desc",
  filters: ["actor", "kind", "subject", "from", "to"],
} as const;

export function accessLogState(search: URLSearchParams) {
  return readListState(search, ACCESS_LOG_LIST);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The log filtered by actor, kind, kind of record and the province's dates `from`…`to` (both included). */
function accessLogQuery(db: DB, state: ListState) {
  let query = db.selectFrom("personal_data_access").innerJoin("users", "users.id", "personal_data_access.actor_id");
  const { actor, kind, subject, from, to } = state.filters;
  if (state.q) query = query.where(containsText("personal_data_access.route", state.q));
  if (actor) query = query.where("personal_data_access.actor_id", "=", actor);
  if (kind === "view" || kind === "export") query = query.where("personal_data_access.kind", "=", kind);
  if (subject && (PERSONAL_DATA_SUBJECTS as readonly string[]).includes(subject))
    query = query.where("personal_data_access.subject_type", "=", subject as PersonalDataSubject);
  const fromIso = from && DATE.test(from) ? provinceLocalToIso(`${from}T00:00`) : null;
  if (fromIso) query = query.where("personal_data_access.created_at", ">=", fromIso);
  const toIso = to && DATE.test(to) ? provinceLocalToIso(`${to}T00:00`) : null;
  // The end date is included: everything before the next midnight in the province.
  if (toIso)
    query = query.where("personal_data_access.created_at", "<", new Date(Date.parse(toIso) + 86_400_000).toISOString());
  return query;
}

const columns = [
  "personal_data_access.id",
  "personal_data_access.kind",
  "personal_data_access.subject_type",
  "personal_data_access.subject_id",
  "personal_data_access.route",
  "personal_data_access.row_count",
  "personal_data_access.ip",
  "personal_data_access.created_at",
  "users.full_name as actor_name",
  "users.email as actor_email",
] as const;

export async function listAccessLog(db: DB, state: ListState) {
  const base = accessLogQuery(db, state);
  const [{ count }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
    base
      .select(columns)
      .orderBy("personal_data_access.created_at", state.dir)
      .orderBy("personal_data_access.id", state.dir)
      .limit(state.pageSize)
      .offset(offsetOf(state))
      .execute(),
  ]);
  return toPage(rows, Number(count), state);
}

export function accessLogForExport(db: DB, state: ListState, limit: number) {
  return accessLogQuery(db, state)
    .select(columns)
    .orderBy("personal_data_access.created_at", state.dir)
    .orderBy("personal_data_access.id", state.dir)
    .limit(limit)
    .execute();
}

/** The people who appear in the log, for the actor filter (a few dozen staff and admins). */
export function accessLogActors(db: DB) {
  return db
    .selectFrom("users")
    .select(["users.id", "users.full_name", "users.email"])
    .where((eb) => eb.exists(eb.selectFrom("personal_data_access").select("id").whereRef("actor_id", "=", "users.id")))
    .orderBy("users.full_name")
    .limit(500)
    .execute();
}

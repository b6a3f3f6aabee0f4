import { getDb } from "../lib/db.server";
import { readiness } from "../lib/readiness.server";

/** 200 when the portal can serve, 503 with the failing check otherwise; no personal data, no paths. */
export async function loader() {
  const result = await readiness(getDb());
  return new Response(JSON.stringify({ status: result.ok ? "ok" : "fail", checks: result.checks }), {
    status: result.ok ? 200 : 503,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

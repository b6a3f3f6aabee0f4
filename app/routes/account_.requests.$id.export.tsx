import type { LoaderFunctionArgs } from "@remix-run/node";
import { logPersonalDataAccess, routeOf } from "../modules/privacy/access-log.server";
import { getRequest, personalDataOf } from "../modules/privacy/requests.server";
import { isStaff, requireUser } from "../lib/auth.server";
import { getDb } from "../lib/db.server";
import { exportStamp } from "../lib/export.server";
import { notFound, param } from "../lib/http.server";

/**
 * The file an access request produces (Decree 13/2023/NĐ-CP, art. 14): everything the portal keeps about the
 * requester, as JSON, once staff have marked the request done. The requester downloads their own; the department's
 * staff may download it to send it on, and that download is logged as an export of another person's data.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const found = await getRequest(db, param(params, "id"));
  const own = found?.requester_id === user.id;
  // Someone else's request does not exist for this user; nor does a file before the request is done.
  if (!found || !(own || isStaff(user)) || found.kind !== "access" || found.status !== "done") notFound();
  const data = await personalDataOf(db, found.requester_id);
  if (!own)
    await logPersonalDataAccess(db, {
      actor: user,
      kind: "export",
      subject: { type: "users", id: found.requester_id },
      route: routeOf(request),
      count: 1,
      ip: context.clientIp,
    });
  const body = JSON.stringify(
    { exportedAt: new Date().toISOString(), source: "Cổng Đổi mới sáng tạo Quảng Ngãi", ...data },
    null,
    2,
  );
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="du-lieu-ca-nhan-${exportStamp()}.json"`,
      "Cache-Control": "no-store",
    },
  });
}

/**
 * Legal settings take effect on a leader's approval (four eyes): a test that changes one through its page posts the
 * page's form (a proposal) and then approves it on /staff/settings-proposals as a leader other than the proposer.
 */
import { getDb } from "../../app/lib/db.server";
import * as settingsPage from "../../app/routes/staff.settings-proposals";
import { call, makeRequest, type RouteResult, type TestUser } from "./fixtures";

/** The legal source every test proposal cites. */
export const SOURCE_DOCUMENT = "Quyết định 1325/QĐ-UBND ngày 20/7/2022";

/** The newest pending proposal, if any. */
export async function newestPendingProposal(): Promise<string | null> {
  const row = await getDb()
    .selectFrom("setting_proposals")
    .select("id")
    .where("status", "=", "pending")
    .orderBy("proposed_at", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  return row?.id ?? null;
}

/** A leader's (or the proposer's) step on a proposal through the leaders' page. */
export function decide(
  user: TestUser,
  intent: "approve" | "reject" | "withdraw",
  proposalId: string,
  reason?: string,
): Promise<RouteResult> {
  return call(
    settingsPage.action,
    makeRequest("/staff/settings-proposals", {
      cookie: user.cookie,
      form: { intent, proposalId, ...(reason === undefined ? {} : { reason }) },
    }),
  );
}

/**
 * Posts a settings form (`propose` sends it), then approves what it proposed as `approver`. The answer is the
 * approval's when the form was accepted (a redirect after the change), else the form's own refusal.
 */
export async function proposeAndApprove(
  propose: () => Promise<RouteResult>,
  approver: TestUser,
): Promise<RouteResult & { proposal: RouteResult }> {
  const before = await newestPendingProposal();
  const proposal = await propose();
  const id = await newestPendingProposal();
  if (proposal.status !== 302 || !id || id === before) return { ...proposal, proposal };
  return { ...(await decide(approver, "approve", id)), proposal };
}

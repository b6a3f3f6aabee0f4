import { smeVi } from "./sme.vi";
import { portalVi } from "./portal.vi";
import { accountsVi } from "./accounts.vi";
import { adminVi } from "./admin.vi";
import { organisationsVi } from "./organisations.vi";
import { competitionVi } from "./competition.vi";
import { commonVi } from "./common.vi";
import { incubationVi } from "./incubation.vi";
import { connectionsVi } from "./connections.vi";
import { technologyVi } from "./technology.vi";
import { judgingVi } from "./judging.vi";
import { prizesVi } from "./prizes.vi";
import { roundsVi } from "./rounds.vi";
import { blindConflictsVi, conflictProposalsVi, judgeOrganisationsVi } from "./conflicts.vi";
import { reportsVi } from "./reports.vi";
import { twoFactorVi } from "./two-factor.vi";
import { recordsVi } from "./records.vi";
import { privacyVi } from "./privacy.vi";
import { entryExtrasVi } from "./entries.vi";
import { resultsVi } from "./results.vi";
import { judgeHomeVi } from "./judge-home.vi";
import { reassignVi } from "./reassign.vi";
import { deliberationVi } from "./deliberation.vi";
import { auditViewVi } from "./audit-view.vi";
import { judgeSheetVi } from "./judge-sheet.vi";
import { todosVi } from "./todos.vi";
import { settingsVi } from "./settings.vi";

/** Vietnamese, the portal's first language. Every key here must exist in en.ts (the type checker enforces it). */
export const vi = {
  ...portalVi,
  ...accountsVi,
  organisations: organisationsVi,
  ...adminVi,
  ...competitionVi,
  judging: judgingVi,
  incubation: incubationVi,
  connections: connectionsVi,
  technology: technologyVi,
  sme: smeVi,
  prizes: prizesVi,
  rounds: roundsVi,
  conflictProposals: conflictProposalsVi,
  judgeOrganisations: judgeOrganisationsVi,
  blindConflicts: blindConflictsVi,
  reports: reportsVi,
  twoFactor: twoFactorVi,
  records: recordsVi,
  privacy: privacyVi,
  entryExtras: entryExtrasVi,
  results: resultsVi,
  judgeHome: judgeHomeVi,
  reassign: reassignVi,
  deliberation: deliberationVi,
  auditView: auditViewVi,
  judgeSheet: judgeSheetVi,
  todos: todosVi,
  settings: settingsVi,
  ...commonVi,
} as const;

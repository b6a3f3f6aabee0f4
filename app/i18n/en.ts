import { smeEn } from "./sme.en";
import { portalEn } from "./portal.en";
import { accountsEn } from "./accounts.en";
import { adminEn } from "./admin.en";
import { organisationsEn } from "./organisations.en";
import { competitionEn } from "./competition.en";
import { commonEn } from "./common.en";
import type { Messages } from "./index";
import { incubationEn } from "./incubation.en";
import { connectionsEn } from "./connections.en";
import { technologyEn } from "./technology.en";
import { judgingEn } from "./judging.en";
import { prizesEn } from "./prizes.en";
import { roundsEn } from "./rounds.en";
import { blindConflictsEn, conflictProposalsEn, judgeOrganisationsEn } from "./conflicts.en";
import { reportsEn } from "./reports.en";
import { twoFactorEn } from "./two-factor.en";
import { recordsEn } from "./records.en";
import { privacyEn } from "./privacy.en";
import { entryExtrasEn } from "./entries.en";
import { resultsEn } from "./results.en";
import { judgeHomeEn } from "./judge-home.en";
import { reassignEn } from "./reassign.en";
import { deliberationEn } from "./deliberation.en";
import { auditViewEn } from "./audit-view.en";
import { judgeSheetEn } from "./judge-sheet.en";
import { todosEn } from "./todos.en";
import { settingsEn } from "./settings.en";

export const en: Messages = {
  ...portalEn,
  ...accountsEn,
  organisations: organisationsEn,
  ...adminEn,
  ...competitionEn,
  judging: judgingEn,
  incubation: incubationEn,
  connections: connectionsEn,
  technology: technologyEn,
  sme: smeEn,
  prizes: prizesEn,
  rounds: roundsEn,
  conflictProposals: conflictProposalsEn,
  judgeOrganisations: judgeOrganisationsEn,
  blindConflicts: blindConflictsEn,
  reports: reportsEn,
  twoFactor: twoFactorEn,
  records: recordsEn,
  privacy: privacyEn,
  entryExtras: entryExtrasEn,
  results: resultsEn,
  judgeHome: judgeHomeEn,
  reassign: reassignEn,
  deliberation: deliberationEn,
  auditView: auditViewEn,
  judgeSheet: judgeSheetEn,
  todos: todosEn,
  settings: settingsEn,
  ...commonEn,
};

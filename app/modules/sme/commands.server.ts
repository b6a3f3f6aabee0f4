/**
 * The SME support programme's writes, one file per part; each validates, authorizes, writes in one transaction with
 * its audit entry and notices. Routes import from here.
 */
export * from "./dossiers.server";
export { dossierLimit } from "./limits.server";
export * from "./programme.server";
export * from "./transitions.server";
export { dossierActorOf } from "./queries.server";

/**
 * The technology programme's writes, one file per section of the programme; each validates, authorizes, writes in
 * one transaction with its audit entry and notices. Routes import from here.
 */
export * from "./access.server";
export * from "./applications.server";
export * from "./assessments.server";
export * from "./follow-up.server";
export * from "./numbering.server";
export * from "./outreach.server";
export * from "./stage.server";

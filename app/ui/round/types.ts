import type { roundDesk } from "../../modules/judging/rounds.queries.server";

/** The round page's answer to one of its forms: field errors, the values sent back, and assignment problems in words. */
export type RoundAnswer = { errors: Record<string, string>; values: Record<string, string>; problems: string[] };

export type RoundDesk = Awaited<ReturnType<typeof roundDesk>>;

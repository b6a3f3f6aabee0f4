import { z } from "zod";
import { enumOf, optionalText, text } from "../../lib/validation";
import { REQUEST_EVENTS, REQUEST_KINDS } from "./rules";

/** A request filed from the account page: its kind and what the person asks, in their words. */
export const FileRequestSchema = z.object({
  kind: enumOf(REQUEST_KINDS),
  details: text(4000),
});
export type FileRequestInput = z.output<typeof FileRequestSchema>;

/** A handler's step: start, complete (with the reply told to the person) or refuse (with the reason). */
export const HandleRequestSchema = z.object({
  event: enumOf(REQUEST_EVENTS),
  reply: optionalText(4000),
});
export type HandleRequestInput = z.output<typeof HandleRequestSchema>;

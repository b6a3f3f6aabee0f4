import { z } from "zod";
import { optionalInput, quantityInput } from "../../lib/numbers";
import { email, enumOf, isoDate, manyOf, optionalText, phone, text } from "../../lib/validation";
import { EVENT_KINDS, MOU_FIELDS, MOU_STATUSES } from "./rules";

const id = z.string().trim().min(1, "errors.required").max(100);
const count = quantityInput({ max: 1_000_000 });

/** Several ids under one name (ticked boxes, chosen selects): blanks dropped, each once. */
const ids = (max: number) =>
  z.preprocess(
    (value) => [
      ...new Set(
        (value === undefined ? [] : Array.isArray(value) ? value : [value])
          .filter((v): v is string => typeof v === "string" && v.trim() !== "")
          .map((v) => v.trim()),
      ),
    ],
    z.array(z.string().max(100)).max(max),
  );

export const EventSchema = z
  .object({
    kind: enumOf(EVENT_KINDS),
    title: text(300),
    startsOn: isoDate,
    endsOn: isoDate,
    place: optionalText(300),
    topic: optionalText(300),
    summary: optionalText(3000),
    organiserId: id,
    coOrganiserIds: ids(20),
    reportedOrganisations: optionalInput(count),
    reportedPeople: optionalInput(count),
    countNote: optionalText(200),
  })
  .superRefine((value, ctx) => {
    if (value.endsOn < value.startsOn)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["endsOn"], message: "connections.problems.endBeforeStart" });
    if (value.coOrganiserIds.includes(value.organiserId))
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["coOrganiserIds"],
        message: "connections.problems.organiserTwice",
      });
  });
export type EventInput = z.output<typeof EventSchema>;

export const ParticipantSchema = z
  .object({
    organisationId: id.optional(),
    personName: optionalText(200),
    position: optionalText(200),
    phone: phone.optional(),
    email: email.optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.organisationId && !value.personName)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["personName"],
        message: "connections.problems.participantRequired",
      });
  });
export type ParticipantInput = z.output<typeof ParticipantSchema>;

export const RemoveParticipantSchema = z.object({ participantId: id });

export const EventFileSchema = z.object({ purpose: enumOf(["material", "photo"] as const) });

export const MouSchema = z
  .object({
    eventId: id.optional(),
    partyIds: ids(10),
    fields: manyOf(MOU_FIELDS),
    signedOn: isoDate,
    title: text(300),
    summary: optionalText(3000),
    reference: optionalText(100),
    nextCheckOn: isoDate.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.partyIds.length < 2)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["partyIds"], message: "connections.problems.twoParties" });
    if (value.fields.length === 0)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["fields"], message: "connections.problems.fieldRequired" });
    if (value.nextCheckOn && value.nextCheckOn <= value.signedOn)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["nextCheckOn"],
        message: "connections.problems.checkBeforeSigning",
      });
  });
export type MouInput = z.output<typeof MouSchema>;

export const FollowUpSchema = z.object({
  status: enumOf(MOU_STATUSES),
  notedOn: isoDate,
  note: text(2000),
  nextCheckOn: isoDate.optional(),
});
export type FollowUpInput = z.output<typeof FollowUpSchema>;

export const ImportCommitSchema = z.object({ batchId: id });

export const MergeSchema = z.object({ keepId: id, mergeId: id, reason: text(1000) });

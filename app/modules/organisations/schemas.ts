import { z } from "zod";
import { email, enumOf, isoDate, optionalText, phone, taxCode, text, url } from "../../lib/validation";
import { ORGANISATION_KINDS } from "./rules";

export const OrganisationSchema = z.object({
  name: text(200),
  kind: enumOf(ORGANISATION_KINDS),
  taxCode: taxCode.optional(),
  province: optionalText(100),
  commune: optionalText(100),
  oldDistrict: optionalText(100),
  addressLine: optionalText(300),
  sector: optionalText(200),
  foundedOn: isoDate.optional(),
  email: email.optional(),
  phone: phone.optional(),
  website: url.optional(),
  description: optionalText(3000),
});
export type OrganisationInput = z.output<typeof OrganisationSchema>;

import { z } from "zod";
import { checkbox, email, enumOf, optionalText, password, phone, taxCode, text } from "../../lib/validation";
import { STAFF_CREATED_ROLES, USER_ROLES } from "./rules";

export const SELF_REGISTERED_KINDS = ["startup_team", "enterprise"] as const;

export const RegisterSchema = z
  .object({
    fullName: text(120),
    email,
    phone: phone.optional(),
    organisationName: text(200),
    organisationKind: enumOf(SELF_REGISTERED_KINDS),
    taxCode: taxCode.optional(),
    password,
    confirmPassword: z.string().max(200),
    consent: checkbox,
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "errors.passwordMismatch",
  });
export type RegisterInput = z.output<typeof RegisterSchema>;

export const LoginSchema = z.object({
  email,
  password: z.string().min(1).max(200),
  redirectTo: z.string().max(500).optional(),
});

export const ForgotPasswordSchema = z.object({ email });

export const ResetPasswordSchema = z
  .object({
    token: z.string().min(10).max(200),
    password,
    confirmPassword: z.string().max(200),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "errors.passwordMismatch",
  });

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1).max(200),
    password,
    confirmPassword: z.string().max(200),
  })
  .refine((value) => value.password === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "errors.passwordMismatch",
  });

export const ProfileSchema = z.object({
  fullName: text(120),
  phone: phone.optional(),
});

export const CreateUserSchema = z.object({
  fullName: text(120),
  email,
  phone: phone.optional(),
  role: enumOf(STAFF_CREATED_ROLES),
});

export const UpdateUserSchema = z.object({
  role: enumOf(USER_ROLES),
  status: enumOf(["active", "disabled"] as const),
  reason: optionalText(500),
});

/** An authenticator code or a recovery code, as typed (spaces and hyphens allowed). */
const twoFactorCode = z.string().trim().min(1, "errors.required").max(40);

export const TwoFactorCodeSchema = z.object({ code: twoFactorCode });

export const DisableTwoFactorSchema = z.object({
  password: z.string().min(1).max(200),
  code: twoFactorCode,
});

export const ResetTwoFactorSchema = z.object({ reason: text(500) });

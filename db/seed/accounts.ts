import type { Kysely } from "kysely";
import { hashPassword } from "../../app/lib/password.server";
import { sealSecret } from "../../app/lib/secret-box.server";
import { userRow } from "../../app/modules/accounts/rules";
import type { Database, UserRole } from "../types";

/** Demo accounts, one per role; the README lists them. */
export const DEMO_PASSWORD = "Demo@2026qn";

export const DEMO_ACCOUNTS: Array<{ id: string; email: string; fullName: string; role: UserRole; phone?: string }> = [
  { id: "demo-admin", email: "admin@demo.quangngai.vn", fullName: "Quản trị Cổng", role: "admin" },
  { id: "demo-leader", email: "lanhdao@demo.quangngai.vn", fullName: "Nguyễn Văn Lãnh", role: "leader" },
  {
    id: "demo-staff",
    email: "chuyenvien@demo.quangngai.vn",
    fullName: "Trần Thị Thu Hà",
    role: "staff",
    phone: "0255 3822 123",
  },
  { id: "demo-judge", email: "giamkhao@demo.quangngai.vn", fullName: "Phạm Minh Đức", role: "judge" },
  { id: "demo-incubator", email: "vuonuom@demo.quangngai.vn", fullName: "Lê Hoàng Nam", role: "incubator_manager" },
  {
    id: "demo-startup",
    email: "khoinghiep@demo.quangngai.vn",
    fullName: "Võ Thị Ngọc Ánh",
    role: "applicant",
    phone: "0905 123 456",
  },
  {
    id: "demo-enterprise",
    email: "doanhnghiep@demo.quangngai.vn",
    fullName: "Huỳnh Văn Long",
    role: "applicant",
    phone: "0914 222 333",
  },
];

/**
 * The TOTP secret of the demo leader and admin (two-factor sign-in is required for their roles):
 * add it to an authenticator app to try the demo. Demo seeding only; the README gives it.
 */
export const DEMO_TOTP_SECRET = "DEMO2FAQUANGNGAIDOSTPORTAL234567";
const DEMO_TWO_FACTOR_ACCOUNTS = ["demo-admin", "demo-leader"];

export async function seedAccounts(db: Kysely<Database>, now: string): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db
    .insertInto("users")
    .values(DEMO_ACCOUNTS.map((account) => userRow({ ...account, passwordHash }, now)))
    .execute();
  await db
    .insertInto("user_two_factor")
    .values(
      DEMO_TWO_FACTOR_ACCOUNTS.map((userId) => ({
        user_id: userId,
        secret_sealed: sealSecret(DEMO_TOTP_SECRET),
        enabled_at: now,
        last_used_step: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

import type { Kysely } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
// Participation certificate numbers carry their year, in a format staff choose (a setting). The series stays one
// per year of issue (tech_certificates.year, seq: unique already); numbers issued before keep their text
// ("01/GXN-SKHCN" of two years may both exist), so the number is unique within its year.
export async function up(db: Kysely<any>): Promise<void> {
  const existing = await db
    .selectFrom("tech_settings")
    .select("key")
    .where("key", "=", "certificate_number_format")
    .executeTakeFirst();
  if (!existing)
    await db
      .insertInto("tech_settings")
      .values({
        key: "certificate_number_format",
        value: "{số}/{năm}/GXN-SKHCN",
        verified: 1,
        source: "Sở Khoa học và Công nghệ",
        updated_at: new Date().toISOString(),
      })
      .execute();
  await db.schema
    .createIndex("tech_certificates_number_idx")
    .on("tech_certificates")
    .columns(["year", "number"])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("tech_certificates_number_idx").execute();
  await db.deleteFrom("tech_settings").where("key", "=", "certificate_number_format").execute();
}

import type { Kysely } from "kysely";

// Frozen in time: never edit after it has landed; add a new migration instead.
export async function up(db: Kysely<any>): Promise<void> {
  // Outreach: a campaign (leaflets, letters, LED screens, banners) and the enterprises it reached.
  await db.schema
    .createTable("tech_outreach_campaigns")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("held_on", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("tech_outreach_campaigns_held_idx").on("tech_outreach_campaigns").column("held_on").execute();

  await db.schema
    .createTable("tech_outreach_recipients")
    .addColumn("campaign_id", "text", (c) => c.notNull().references("tech_outreach_campaigns.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addPrimaryKeyConstraint("tech_outreach_recipients_pk", ["campaign_id", "organisation_id"])
    .execute();
  await db.schema.createIndex("tech_outreach_recipients_org_idx").on("tech_outreach_recipients").column("organisation_id").execute();

  // Consultations and field visits: what staff saw and advised; the enterprise's stage follows from them.
  await db.schema
    .createTable("tech_consultations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("held_on", "text", (c) => c.notNull())
    .addColumn("staff_names", "text", (c) => c.notNull())
    .addColumn("findings", "text", (c) => c.notNull())
    .addColumn("advice", "text", (c) => c.notNull())
    .addColumn("next_step", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("tech_consultations_org_idx").on("tech_consultations").columns(["organisation_id", "held_on"]).execute();

  // Technology-level settings (Circular 17/2019/TT-BKHCN) as data: criteria, level bands, the coefficient formula.
  await db.schema
    .createTable("tech_level_criteria")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("group_code", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("max_points", "real", (c) => c.notNull())
    .addColumn("verified", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("source", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("tech_level_bands")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("rank", "integer", (c) => c.notNull())
    .addColumn("min_total", "real", (c) => c.notNull())
    .addColumn("min_coefficient", "real", (c) => c.notNull())
    .addColumn("verified", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("source", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("tech_settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("verified", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  // An assessment keeps its computed figures as they were computed (the settings may be corrected later).
  await db.schema
    .createTable("tech_assessments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("assessed_on", "text", (c) => c.notNull())
    .addColumn("scores_json", "text", (c) => c.notNull())
    .addColumn("t_score", "real", (c) => c.notNull())
    .addColumn("e_score", "real", (c) => c.notNull())
    .addColumn("o_score", "real", (c) => c.notNull())
    .addColumn("r_score", "real", (c) => c.notNull())
    .addColumn("i_score", "real", (c) => c.notNull())
    .addColumn("total", "real", (c) => c.notNull())
    .addColumn("coefficient", "real", (c) => c.notNull())
    .addColumn("level_code", "text", (c) => c.notNull())
    .addColumn("settings_verified", "integer", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("tech_assessments_org_idx").on("tech_assessments").columns(["organisation_id", "year"]).execute();
  await db.schema.createIndex("tech_assessments_year_idx").on("tech_assessments").columns(["year", "level_code"]).execute();

  await db.schema
    .createTable("tech_document_requirements")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("required", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("tech_applications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("technology", "text", (c) => c.notNull())
    .addColumn("origin", "text", (c) => c.notNull())
    .addColumn("supplier", "text", (c) => c.notNull())
    .addColumn("equipment", "text", (c) => c.notNull())
    .addColumn("total_investment_vnd", "integer", (c) => c.notNull())
    .addColumn("own_funds_vnd", "integer", (c) => c.notNull())
    .addColumn("requested_support_vnd", "integer", (c) => c.notNull())
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text", (c) => c.notNull())
    .addColumn("expected_gains", "text", (c) => c.notNull())
    .addColumn("supplement_request", "text")
    .addColumn("review_note", "text")
    .addColumn("decision_reason", "text")
    .addColumn("submitted_at", "text")
    .addColumn("step_started_on", "text")
    .addColumn("complete_on", "text")
    .addColumn("due_on", "text")
    .addColumn("implementation_status", "text")
    .addColumn("implementation_reason", "text")
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("tech_applications_org_idx").on("tech_applications").column("organisation_id").execute();
  await db.schema.createIndex("tech_applications_status_idx").on("tech_applications").columns(["status", "due_on"]).execute();
  await db.schema.createIndex("tech_applications_impl_idx").on("tech_applications").column("implementation_status").execute();

  // Participation certificates: one series per year (01/GXN-SKHCN, 02/GXN-SKHCN …), unique and without gaps.
  await db.schema
    .createTable("tech_certificates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("application_id", "text", (c) => c.notNull().unique().references("tech_applications.id"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("verification_code", "text", (c) => c.notNull().unique())
    .addColumn("issued_at", "text", (c) => c.notNull())
    .addColumn("signer_name", "text", (c) => c.notNull())
    .addColumn("signer_title", "text", (c) => c.notNull())
    .addColumn("issued_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("revoked_at", "text")
    .addColumn("revoked_by", "text", (c) => c.references("users.id"))
    .addColumn("revoke_reason", "text")
    .execute();
  await db.schema.createIndex("tech_certificates_series_idx").on("tech_certificates").columns(["year", "seq"]).unique().execute();

  await db.schema
    .createTable("tech_progress_notes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("application_id", "text", (c) => c.notNull().references("tech_applications.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("reported_on", "text", (c) => c.notNull())
    .addColumn("reported_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("tech_progress_notes_app_idx").on("tech_progress_notes").columns(["application_id", "created_at"]).execute();

  // The pipeline stage of each enterprise the programme touched, derived by rules.ts and stored so SQL counts it.
  await db.schema
    .createTable("tech_enterprise_stages")
    .addColumn("organisation_id", "text", (c) => c.primaryKey().references("organisations.id"))
    .addColumn("stage", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("tech_enterprise_stages_stage_idx").on("tech_enterprise_stages").column("stage").execute();

  // Placeholder reference values until checked against the circular's official text: every row says so.
  const unverified = "chưa xác minh — cần đối chiếu Thông tư 17/2019/TT-BKHCN";
  const criteria: Array<[string, string, string, number]> = [
    ["T1", "T", "Mức độ hiện đại của thiết bị, công nghệ", 5],
    ["T2", "T", "Tuổi thọ, thời gian sử dụng của thiết bị, công nghệ", 5],
    ["T3", "T", "Mức độ tự động hóa", 4],
    ["T4", "T", "Mức độ đổi mới thiết bị, công nghệ", 4],
    ["T5", "T", "Chi phí năng lượng, nguyên vật liệu trên giá trị sản phẩm", 4],
    ["T6", "T", "Mức độ đáp ứng tiêu chuẩn, quy chuẩn kỹ thuật", 4],
    ["T7", "T", "Mức độ bảo đảm an toàn, bảo vệ môi trường", 4],
    ["E1", "E", "Hiệu suất sử dụng thiết bị, công nghệ", 4],
    ["E2", "E", "Năng suất lao động", 4],
    ["E3", "E", "Tỷ lệ sản phẩm đạt chất lượng", 4],
    ["E4", "E", "Hiệu quả sử dụng năng lượng, nguyên vật liệu", 4],
    ["E5", "E", "Tỷ suất lợi nhuận", 4],
    ["O1", "O", "Trình độ quản lý, hệ thống quản lý chất lượng", 4],
    ["O2", "O", "Trình độ nhân lực kỹ thuật", 4],
    ["O3", "O", "Đào tạo, bồi dưỡng nhân lực", 4],
    ["O4", "O", "Ứng dụng công nghệ thông tin trong quản lý", 4],
    ["O5", "O", "Hệ thống thông tin, thị trường", 3],
    ["R1", "R", "Bộ phận nghiên cứu và phát triển", 4],
    ["R2", "R", "Chi cho nghiên cứu và phát triển", 4],
    ["R3", "R", "Nhân lực nghiên cứu và phát triển", 3],
    ["R4", "R", "Khả năng tiếp thu, làm chủ công nghệ", 3],
    ["R5", "R", "Hợp tác nghiên cứu với tổ chức khoa học và công nghệ", 3],
    ["I1", "I", "Sản phẩm, quy trình mới hoặc cải tiến", 4],
    ["I2", "I", "Tài sản trí tuệ (sáng chế, giải pháp hữu ích, kiểu dáng)", 4],
    ["I3", "I", "Khả năng thay đổi sản phẩm, công nghệ", 3],
    ["I4", "I", "Liên kết đổi mới sáng tạo", 3],
  ];
  await db
    .insertInto("tech_level_criteria")
    .values(criteria.map(([code, group, name, max], index) => ({ code, group_code: group, position: index + 1, name, max_points: max, verified: 0, source: unverified })))
    .execute();
  const bands: Array<[string, string, number, number]> = [
    ["backward", "Lạc hậu", 0, 0],
    ["below_average", "Trung bình yếu", 35, 0.4],
    ["average", "Trung bình", 50, 0.5],
    ["above_average", "Trung bình tiên tiến", 65, 0.6],
    ["advanced", "Tiên tiến", 80, 0.7],
  ];
  await db
    .insertInto("tech_level_bands")
    .values(bands.map(([code, name, minTotal, minCoefficient], index) => ({ code, name, rank: index, min_total: minTotal, min_coefficient: minCoefficient, verified: 0, source: unverified })))
    .execute();
  const now = new Date().toISOString();
  await db
    .insertInto("tech_settings")
    .values([
      // T, E, O, R, I are the group scores; tmax… their maxima. An expression, read by rules.ts.
      { key: "coefficient_formula", value: "min(T/30, E/20, O/19, R/17, I/14) / max(T/30, E/20, O/19, R/17, I/14)", verified: 0, source: unverified, updated_at: now },
      { key: "check_working_days", value: "3", verified: 1, source: "Quy định nội bộ của Sở (kiểm tra tính đầy đủ của hồ sơ)", updated_at: now },
      { key: "decision_working_days", value: "14", verified: 1, source: "Thời hạn xem xét hồ sơ đầy đủ, như Nghị định 80/2021/NĐ-CP điều 32", updated_at: now },
      { key: "signer_title", value: "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", verified: 1, source: "Sở Khoa học và Công nghệ", updated_at: now },
    ])
    .execute();
  const documents: Array<[string, string, number]> = [
    ["tech-doc-form", "Đơn đề nghị tham gia Chương trình (theo mẫu)", 1],
    ["tech-doc-plan", "Thuyết minh dự án chuyển giao, đổi mới công nghệ", 1],
    ["tech-doc-quote", "Báo giá thiết bị, công nghệ của nhà cung cấp", 1],
    ["tech-doc-funds", "Văn bản chứng minh khả năng bố trí vốn đối ứng", 1],
    ["tech-doc-other", "Tài liệu khác (hợp đồng chuyển giao dự thảo, hồ sơ pháp lý…)", 0],
  ];
  await db
    .insertInto("tech_document_requirements")
    .values(documents.map(([id, title, required], index) => ({ id, title, required, position: index + 1 })))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "tech_enterprise_stages",
    "tech_progress_notes",
    "tech_certificates",
    "tech_applications",
    "tech_document_requirements",
    "tech_assessments",
    "tech_settings",
    "tech_level_bands",
    "tech_level_criteria",
    "tech_consultations",
    "tech_outreach_recipients",
    "tech_outreach_campaigns",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}

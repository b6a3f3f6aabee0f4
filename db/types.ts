import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

/** ISO-8601 UTC timestamp stored as text. */
type Timestamp = string;
/** 0 or 1: better-sqlite3 binds no booleans. */
type Flag = number;

export type UserRole = "applicant" | "judge" | "staff" | "leader" | "incubator_manager" | "admin";
export type UserStatus = "active" | "disabled";
export type OrganisationKind = "startup_team" | "enterprise" | "expert" | "support_organisation" | "university" | "agency";
export type MembershipRole = "owner" | "member";
export type OutboxStatus = "queued" | "kept" | "sent" | "failed";

export interface UsersTable {
  id: string;
  email: string;
  full_name: string;
  phone: string | null;
  password_hash: string;
  role: UserRole;
  status: UserStatus;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_login_at: Timestamp | null;
}

export interface OrganisationsTable {
  id: string;
  name: string;
  /** Lower-case, accent-free copy of the name for search. */
  name_search: string;
  kind: OrganisationKind;
  tax_code: string | null;
  province: string | null;
  commune: string | null;
  /** The district of addresses recorded before the 1/7/2025 reorganisation. */
  old_district: string | null;
  address_line: string | null;
  sector: string | null;
  founded_on: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  description: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipsTable {
  user_id: string;
  organisation_id: string;
  role: MembershipRole;
  created_at: Timestamp;
}

export interface AuditEventsTable {
  id: Generated<number>;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  reason: string | null;
  ip: string | null;
  created_at: Timestamp;
}

export interface AttachmentsTable {
  id: string;
  sha256: string;
  size_bytes: number;
  media_type: string;
  original_name: string;
  owner_type: string;
  owner_id: string;
  uploaded_by: string;
  created_at: Timestamp;
}

export interface SessionsTable {
  /** SHA-256 of the token in the cookie, so that a copy of the database opens no session. */
  id: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
  revoked_at: Timestamp | null;
}

export interface PasswordResetTokensTable {
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  succeeded: Flag;
  created_at: Timestamp;
}

export interface OutboxMessagesTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  status: OutboxStatus;
  error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface Database {
  users: UsersTable;
  organisations: OrganisationsTable;
  memberships: MembershipsTable;
  audit_events: AuditEventsTable;
  attachments: AttachmentsTable;
  sessions: SessionsTable;
  password_reset_tokens: PasswordResetTokensTable;
  login_attempts: LoginAttemptsTable;
  outbox_messages: OutboxMessagesTable;
}

export type User = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type Organisation = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type Membership = Selectable<MembershipsTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
export type Attachment = Selectable<AttachmentsTable>;
export type Session = Selectable<SessionsTable>;
export type OutboxMessage = Selectable<OutboxMessagesTable>;
export type { ColumnType };

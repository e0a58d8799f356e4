-- The audit log is append-only: the database refuses to update, delete or
-- truncate its rows. Whoever may drop this trigger can still edit rows, and
-- GET /api/audit/verify then names the first entry whose hash no longer holds.
-- Prisma's migration runner splits the file at every semicolon, even inside
-- quotes and comments, so the function body writes its one semicolon as \073
-- (octal) in an escape string.
CREATE FUNCTION "alur_audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS
E'BEGIN RAISE EXCEPTION ''AuditEntry is append-only: % refused'', TG_OP\073 END';

CREATE TRIGGER "AuditEntry_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEntry"
  FOR EACH ROW EXECUTE FUNCTION "alur_audit_append_only"();

CREATE TRIGGER "AuditEntry_no_truncate"
  BEFORE TRUNCATE ON "AuditEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION "alur_audit_append_only"();

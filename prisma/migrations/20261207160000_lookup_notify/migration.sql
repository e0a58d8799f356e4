-- Lookup caches (issue 16, cases/src/lookup-cache.ts): after a change to a
-- table a cached lookup depends on commits, NOTIFY alur_lookups with the
-- table's name, whoever made it, so every API and worker process drops what
-- it cached from that table. One notification per statement (and PostgreSQL
-- sends one per distinct payload per transaction).
-- Prisma's migration runner splits the file at every semicolon, even inside
-- quotes and comments, so the function body writes its semicolons as \073.
CREATE FUNCTION "alur_notify_lookups"() RETURNS trigger LANGUAGE plpgsql AS
E'BEGIN PERFORM pg_notify(''alur_lookups'', TG_TABLE_NAME)\073 RETURN NULL\073 END';

CREATE TRIGGER "Unit_notify_lookups" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Unit"
  FOR EACH STATEMENT EXECUTE FUNCTION "alur_notify_lookups"();
CREATE TRIGGER "CalendarSettings_notify_lookups" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CalendarSettings"
  FOR EACH STATEMENT EXECUTE FUNCTION "alur_notify_lookups"();
CREATE TRIGGER "LeaveDay_notify_lookups" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "LeaveDay"
  FOR EACH STATEMENT EXECUTE FUNCTION "alur_notify_lookups"();

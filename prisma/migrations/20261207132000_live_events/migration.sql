-- Live events (issue 13): the API pushes task and case changes to open inboxes
-- and case pages. The worker writes tasks and case events, and these triggers
-- tell every API process listening on the 'alur_events' channel (LISTEN),
-- whichever process wrote the row. The payload names the row only, and each
-- API reads it and decides per subscriber what that subscriber may see.
-- Prisma does not model triggers, so they live here only. The migration runner
-- splits a script at every semicolon, so the function bodies spell theirs as
-- \x3b in an escaped string.
CREATE FUNCTION "alur_notify_task"() RETURNS trigger LANGUAGE plpgsql AS
E'BEGIN PERFORM pg_notify(''alur_events'', json_build_object(''t'', ''task'', ''id'', NEW."id", ''caseId'', NEW."caseId")::text)\x3b RETURN NEW\x3b END';

CREATE TRIGGER "Task_notify" AFTER INSERT OR UPDATE OF "status", "claimedBy", "unitId", "candidateRoles" ON "Task"
  FOR EACH ROW EXECUTE FUNCTION "alur_notify_task"();

CREATE FUNCTION "alur_notify_case_event"() RETURNS trigger LANGUAGE plpgsql AS
E'BEGIN PERFORM pg_notify(''alur_events'', json_build_object(''t'', ''case'', ''caseId'', NEW."caseId")::text)\x3b RETURN NEW\x3b END';

CREATE TRIGGER "CaseEvent_notify" AFTER INSERT ON "CaseEvent"
  FOR EACH ROW EXECUTE FUNCTION "alur_notify_case_event"();

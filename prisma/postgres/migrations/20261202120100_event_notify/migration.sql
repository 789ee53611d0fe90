-- Every new event wakes the live streams of every server watching its run, from any host:
-- NOTIFY flotilla_events with the run's id (empty for project-wide events), sent at commit.
-- The function body is an escape string with \073 for each semicolon: @prisma/adapter-pg
-- splits a migration script at every semicolon (6.19), which would cut a dollar-quoted body apart.
CREATE FUNCTION flotilla_notify_event() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN PERFORM pg_notify(''flotilla_events'', COALESCE(NEW."runId", ''''))\073 RETURN NULL\073 END';

CREATE TRIGGER "Event_notify" AFTER INSERT ON "Event" FOR EACH ROW EXECUTE FUNCTION flotilla_notify_event();

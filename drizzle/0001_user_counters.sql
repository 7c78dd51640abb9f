-- Counters the admin stats and invitee totals read instead of counting a million rows (see db/schema.ts).
-- Writers wait while this runs, so no change slips between the recount and the trigger.
LOCK TABLE "users" IN SHARE ROW EXCLUSIVE MODE;--> statement-breakpoint
CREATE TABLE "user_stats" (
	"day" date NOT NULL,
	"shard" smallint NOT NULL,
	"users" integer DEFAULT 0 NOT NULL,
	"activations" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "user_stats_pk" PRIMARY KEY("day","shard")
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "invitee_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "users_top_referrers_idx" ON "users" USING btree ("invitee_count" DESC NULLS LAST,"created_at","id") WHERE "users"."invitee_count" > 0;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_invitee_count_not_negative" CHECK ("users"."invitee_count" >= 0);--> statement-breakpoint
-- Keeps the counters as users come, change and go: once per statement, from its transition tables, so a
-- bulk insert of 100,000 invitees of one owner updates that owner once. Each trigger lists the counted facts
-- of the rows it saw (an update only those rows whose referrer, sign-up time or activation changed), and
-- count_user_changes applies the sums. Locks are taken in a fixed order: referrers by id, then user_stats
-- rows by day, each day in one of 16 rows picked at random so that simultaneous sign-ups do not queue on one
-- row lock. deleteAccount locks the referrer's row before the user's, the order a referrer's deletion uses.
CREATE TYPE "user_change" AS ("sign" integer, "referrer_id" uuid, "created_at" timestamptz, "activated" boolean);
--> statement-breakpoint
-- PL/pgSQL keeps each statement's plan for the session; an SQL function would plan both on every call.
CREATE FUNCTION "count_user_changes"(changes "user_change"[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "users" u SET "invitee_count" = u."invitee_count" + d.delta
	FROM (SELECT c."referrer_id", sum(c."sign")::integer AS delta FROM unnest(changes) c
	      WHERE c."referrer_id" IS NOT NULL GROUP BY c."referrer_id" HAVING sum(c."sign") <> 0 ORDER BY c."referrer_id") d
	WHERE u."id" = d."referrer_id";
	INSERT INTO "user_stats" AS s ("day", "shard", "users", "activations")
	SELECT d.day, floor(random() * 16)::smallint, d.users, d.activations
	FROM (SELECT (c."created_at" AT TIME ZONE 'UTC')::date AS day, sum(c."sign")::integer AS users,
	             sum(c."sign" * c."activated"::integer)::integer AS activations
	      FROM unnest(changes) c GROUP BY 1) d
	WHERE d.users <> 0 OR d.activations <> 0
	ORDER BY d.day
	ON CONFLICT ("day", "shard") DO UPDATE SET "users" = s."users" + excluded."users", "activations" = s."activations" + excluded."activations";
END $$;
--> statement-breakpoint
CREATE FUNCTION "users_count_inserts"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	changes "user_change"[];
BEGIN
	SELECT array_agg((1, "referrer_id", "created_at", "activated_invite_code" IS NOT NULL)::"user_change") INTO changes FROM new_rows;
	IF changes IS NOT NULL THEN PERFORM "count_user_changes"(changes); END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "users_count_deletes"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	changes "user_change"[];
BEGIN
	SELECT array_agg((-1, "referrer_id", "created_at", "activated_invite_code" IS NOT NULL)::"user_change") INTO changes FROM old_rows;
	IF changes IS NOT NULL THEN PERFORM "count_user_changes"(changes); END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
-- Most updates (names, flags, the invitee_count this very trigger writes) change nothing counted: no work.
CREATE FUNCTION "users_count_updates"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	changes "user_change"[];
BEGIN
	SELECT array_agg(c) INTO changes FROM (
		SELECT unnest(ARRAY[
			(-1, o."referrer_id", o."created_at", o."activated_invite_code" IS NOT NULL)::"user_change",
			(1, n."referrer_id", n."created_at", n."activated_invite_code" IS NOT NULL)::"user_change"]) AS c
		FROM old_rows o JOIN new_rows n ON n."id" = o."id"
		WHERE (o."referrer_id", o."created_at", o."activated_invite_code" IS NOT NULL)
		      IS DISTINCT FROM (n."referrer_id", n."created_at", n."activated_invite_code" IS NOT NULL)) x;
	IF changes IS NOT NULL THEN PERFORM "count_user_changes"(changes); END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "users_count_inserts" AFTER INSERT ON "users" REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION "users_count_inserts"();
--> statement-breakpoint
CREATE TRIGGER "users_count_updates" AFTER UPDATE ON "users" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION "users_count_updates"();
--> statement-breakpoint
CREATE TRIGGER "users_count_deletes" AFTER DELETE ON "users" REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION "users_count_deletes"();
--> statement-breakpoint
-- Sets every counter from the rows themselves: here for the existing data, and for loads that bypass triggers.
CREATE FUNCTION "recount_users"() RETURNS void
LANGUAGE sql AS $$
	UPDATE "users" SET "invitee_count" = 0 WHERE "invitee_count" <> 0;
	UPDATE "users" u SET "invitee_count" = c.n
	FROM (SELECT "referrer_id", count(*)::integer AS n FROM "users" WHERE "referrer_id" IS NOT NULL GROUP BY "referrer_id") c
	WHERE u."id" = c."referrer_id";
	DELETE FROM "user_stats";
	INSERT INTO "user_stats" ("day", "shard", "users", "activations")
	SELECT ("created_at" AT TIME ZONE 'UTC')::date, 0, count(*), count("activated_invite_code") FROM "users" GROUP BY 1;
$$;
--> statement-breakpoint
SELECT "recount_users"();

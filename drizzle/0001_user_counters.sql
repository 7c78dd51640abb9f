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
-- bulk insert of 100,000 invitees of one owner updates that owner once. Deltas are summed per referrer and
-- per UTC sign-up day; zero deltas write nothing (so the trigger's own update of invitee_count, which fires
-- it again, ends there). Locks are taken in a fixed order: referrers by id, then user_stats rows by day,
-- each day in one of 16 rows picked at random so that simultaneous sign-ups do not queue on one row lock.
-- deleteAccount locks the referrer's row before the user's, the order a referrer's deletion uses.
CREATE FUNCTION "users_count_changes"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	changes text := CASE TG_OP
		WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_rows'
		WHEN 'DELETE' THEN 'SELECT -1 AS sign, * FROM old_rows'
		ELSE 'SELECT -1 AS sign, * FROM old_rows UNION ALL SELECT 1 AS sign, * FROM new_rows'
	END;
	referrer_ids uuid[];
	referrer_deltas integer[];
	days date[];
	user_deltas integer[];
	activation_deltas integer[];
BEGIN
	EXECUTE format($q$
		SELECT array_agg(referrer_id ORDER BY referrer_id), array_agg(delta ORDER BY referrer_id)
		FROM (SELECT referrer_id, sum(sign)::integer AS delta FROM (%s) c WHERE referrer_id IS NOT NULL
		      GROUP BY referrer_id HAVING sum(sign) <> 0) d$q$, changes)
	INTO referrer_ids, referrer_deltas;
	IF referrer_ids IS NOT NULL THEN
		UPDATE "users" u SET "invitee_count" = u."invitee_count" + d.delta
		FROM unnest(referrer_ids, referrer_deltas) AS d(id, delta) WHERE u."id" = d.id;
	END IF;

	EXECUTE format($q$
		SELECT array_agg(day ORDER BY day), array_agg(users ORDER BY day), array_agg(activations ORDER BY day)
		FROM (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, sum(sign)::integer AS users,
		             sum(sign * (activated_invite_code IS NOT NULL)::integer)::integer AS activations
		      FROM (%s) c GROUP BY 1
		      HAVING sum(sign) <> 0 OR sum(sign * (activated_invite_code IS NOT NULL)::integer) <> 0) d$q$, changes)
	INTO days, user_deltas, activation_deltas;
	IF days IS NOT NULL THEN
		INSERT INTO "user_stats" AS s ("day", "shard", "users", "activations")
		SELECT d.day, floor(random() * 16)::smallint, d.users, d.activations
		FROM unnest(days, user_deltas, activation_deltas) AS d(day, users, activations)
		ORDER BY d.day
		ON CONFLICT ("day", "shard") DO UPDATE SET "users" = s."users" + excluded."users", "activations" = s."activations" + excluded."activations";
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "users_count_inserts" AFTER INSERT ON "users" REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION "users_count_changes"();
--> statement-breakpoint
CREATE TRIGGER "users_count_updates" AFTER UPDATE ON "users" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION "users_count_changes"();
--> statement-breakpoint
CREATE TRIGGER "users_count_deletes" AFTER DELETE ON "users" REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION "users_count_changes"();
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

-- The referral trees' roots (users.root_id, for a one-lookup loop check) and the once-ever first-admin rule.
-- Writers wait while this runs, so no activation or sign-up slips between the backfills and the new code.
LOCK TABLE "users" IN SHARE ROW EXCLUSIVE MODE;--> statement-breakpoint
-- The backfill writes every invited user once: on a large table that takes longer than the 15 s a request may.
SET LOCAL statement_timeout = 0;--> statement-breakpoint
CREATE TABLE "app_flags" (
	"name" text PRIMARY KEY NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "root_id" uuid;--> statement-breakpoint
CREATE INDEX "users_root_idx" ON "users" USING btree ("root_id") WHERE "users"."root_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "users_admin_idx" ON "users" USING btree ("id") WHERE "users"."is_admin";--> statement-breakpoint
-- Sets root_id from the referrer links: null for a root, else the root the chain of referrers ends at. Walks
-- down from the roots, so rows on a loop (which activations never make) are not reached and stay as they are.
-- Each step of a walk down must probe the referrer index: planned with the table's statistics (or none, on a
-- fresh load), PostgreSQL hashes the whole table at every step instead, 5.9 s rather than 0.2 s for a chain
-- 5,000 deep. The SET clauses hold for the function's own statements only.
CREATE FUNCTION "set_root_ids"() RETURNS void
LANGUAGE sql SET enable_hashjoin = off SET enable_mergejoin = off AS $$
	WITH RECURSIVE tree ("id", "root") AS (
		SELECT "id", "id" FROM "users" WHERE "referrer_id" IS NULL
		UNION ALL
		SELECT u."id", tree."root" FROM "users" u JOIN tree ON u."referrer_id" = tree."id"
	)
	UPDATE "users" u SET "root_id" = nullif(tree."root", u."id")
	FROM tree
	WHERE u."id" = tree."id" AND u."root_id" IS DISTINCT FROM nullif(tree."root", u."id");
$$;
--> statement-breakpoint
-- As in 0001, but the join is planned at each call (EXECUTE). PL/pgSQL kept the plan of a session's first
-- update, made for its one row (a nested loop); a later update of 50,000 rows (a tree re-rooted by an
-- activation, the invitees a deletion sets free) then compared 50,000 × 50,000 pairs and ran past the
-- statement timeout. Planned with the transition tables' real sizes it is a merge or hash join: 0.6 s.
CREATE OR REPLACE FUNCTION "users_count_updates"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
	changes "user_change"[];
BEGIN
	EXECUTE $query$
		SELECT array_agg(c) FROM (
			SELECT unnest(ARRAY[
				(-1, o."referrer_id", o."created_at", o."activated_invite_code" IS NOT NULL)::"user_change",
				(1, n."referrer_id", n."created_at", n."activated_invite_code" IS NOT NULL)::"user_change"]) AS c
			FROM old_rows o JOIN new_rows n ON n."id" = o."id"
			WHERE (o."referrer_id", o."created_at", o."activated_invite_code" IS NOT NULL)
			      IS DISTINCT FROM (n."referrer_id", n."created_at", n."activated_invite_code" IS NOT NULL)) x
	$query$ INTO changes;
	IF changes IS NOT NULL THEN PERFORM "count_user_changes"(changes); END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
-- An account is being deleted: each of its invitees becomes the root of its own tree (ON DELETE SET NULL
-- clears their referrer_id), so it and everybody below it get it as their root. Run before the DELETE, under
-- the invite-graph lock (lib/users/delete-account.ts). UNION, not UNION ALL: ends even on a loop.
CREATE FUNCTION "reroot_invitees_of"("deleted" uuid) RETURNS void
LANGUAGE sql SET enable_hashjoin = off SET enable_mergejoin = off AS $$
	WITH RECURSIVE subtree ("id", "root") AS (
		SELECT "id", "id" FROM "users" WHERE "referrer_id" = "deleted"
		UNION
		SELECT u."id", subtree."root" FROM "users" u JOIN subtree ON u."referrer_id" = subtree."id"
	)
	UPDATE "users" u SET "root_id" = nullif(subtree."root", u."id")
	FROM subtree
	WHERE u."id" = subtree."id";
$$;
--> statement-breakpoint
-- Loads that bypass the application (bench/seed.ts) call recount_users() afterwards: it now sets the roots too.
CREATE OR REPLACE FUNCTION "recount_users"() RETURNS void
LANGUAGE sql AS $$
	UPDATE "users" SET "invitee_count" = 0 WHERE "invitee_count" <> 0;
	UPDATE "users" u SET "invitee_count" = c.n
	FROM (SELECT "referrer_id", count(*)::integer AS n FROM "users" WHERE "referrer_id" IS NOT NULL GROUP BY "referrer_id") c
	WHERE u."id" = c."referrer_id";
	DELETE FROM "user_stats";
	INSERT INTO "user_stats" ("day", "shard", "users", "activations")
	SELECT ("created_at" AT TIME ZONE 'UTC')::date, 0, count(*), count("activated_invite_code") FROM "users" GROUP BY 1;
	SELECT "set_root_ids"();
$$;
--> statement-breakpoint
SELECT "set_root_ids"();
--> statement-breakpoint
-- A database that already has accounts has had its first account: the rule must not fire again.
INSERT INTO "app_flags" ("name") SELECT 'first_admin_granted' WHERE EXISTS (SELECT 1 FROM "users");

import type { Executor } from "./index";

/**
 * A query built once per database client (or transaction) and then only executed with new values: drizzle's
 * `.prepare()` with `sql.placeholder`s. Building a query walks its whole expression tree (drizzle's `is()`
 * checks on every chunk), which was the largest share of our own CPU time per profile request.
 */
export function preparedQuery<Query>(build: (db: Executor) => Query): (db: Executor) => Query {
  const built = new WeakMap<Executor, Query>();
  return (db) => {
    let query = built.get(db);
    if (!query) {
      query = build(db);
      built.set(db, query);
    }
    return query;
  };
}

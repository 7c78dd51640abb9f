import { z } from "zod";

/**
 * The one parser of a resource id from a path: a UUID, lower-cased as PostgreSQL reads it (`ABC…` and `abc…` are
 * one id), so that every comparison of ids after it can be a plain string comparison.
 */
export const idParam = z
  .uuid("Expected a UUID.")
  .transform((id) => id.toLowerCase())
  .describe("The resource's id (a UUID, in either case).");

/** `params` of a route under `[id]`. */
export const idParams = z.object({ id: idParam });

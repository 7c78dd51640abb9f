import { z } from "zod";
import { type ErrorCode, errorCodes, errorTypeBase, rateLimitNames } from "@/lib/errors/error-codes";

const codes = Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]];

export const fieldError = z
  .object({
    path: z.string().describe("The field, dotted (`phone`, `items.0.name`), or `(root)`.").meta({ example: "phone" }),
    message: z.string().describe("What is wrong with it.").meta({ example: "Enter a phone number." }),
  })
  .meta({ id: "FieldError" });

/** The RFC 9457 body of every error answer. */
export const problem = z
  .object({
    type: z.url().describe(`A URI naming the problem type: ${errorTypeBase}<code with dashes>.`).meta({
      example: `${errorTypeBase}invalid-phone`,
    }),
    title: z.string().describe("A short summary of the problem type; the same for every occurrence of a code.").meta({
      example: errorCodes.invalid_phone.title,
    }),
    status: z.number().int().min(400).max(599).describe("The HTTP status code, repeated.").meta({ example: 400 }),
    detail: z.string().describe("A sentence for people about this occurrence.").meta({
      example: "\"12\" is not a valid phone number.",
    }),
    code: z.enum(codes).describe("Stable, machine-readable error code; branch on this, not on `title` or `detail`."),
    errors: z.array(fieldError).optional().describe("Only for `validation_error`: one entry per invalid field."),
    attemptsLeft: z.number().int().min(0).optional().describe("Only for `invalid_code`: how many tries this code has left (0: request a new code)."),
    limit: z.enum(rateLimitNames).optional().describe("Only for `rate_limited`: which limit was reached (wait `Retry-After` seconds)."),
    requestId: z.string().optional().describe("The request's id, also in the `X-Request-Id` header; quote it when reporting a problem."),
  })
  .meta({ id: "Problem" });

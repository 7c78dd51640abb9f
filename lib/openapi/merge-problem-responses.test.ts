import { expect, it } from "vitest";
import { mergeProblemResponses, namedCodes, sharedProblemResponses } from "./merge-problem-responses";

it("refers to a shared response when one covers a status the block leaves out, and orders the statuses", () => {
  const { responses, referenced } = mergeProblemResponses({
    responses: { "404": { description: "`not_found`." }, "200": { description: "ok" } },
    problems: ["Unauthorized", "DatabaseUnavailable"],
  });
  expect(Object.keys(responses)).toEqual(["200", "401", "404", "503"]);
  expect(responses["401"]).toEqual({ $ref: "#/components/responses/Unauthorized" });
  expect(referenced).toEqual(["Unauthorized", "DatabaseUnavailable"]);
});

it("merges a written status with the generated reasons of the codes it does not name", () => {
  const written = { description: "`invalid_phone`: not a phone number.", headers: { X: {} } };
  const { responses, referenced } = mergeProblemResponses({ responses: { "400": written }, problems: ["InvalidBody", "InvalidQuery"] });
  expect(referenced).toEqual([]);
  expect(responses["400"]).toEqual({
    headers: { X: {} },
    description:
      "`invalid_phone`: not a phone number. `validation_error`: the body has missing, unknown or invalid fields (listed in `errors`), or a query parameter is missing, unknown, repeated or invalid (listed in `errors`). `invalid_json`: the body is not valid JSON.",
  });
});

it("leaves the explanation of a generated code to a block that names it", () => {
  const written = { description: "`validation_error`: the id is not a UUID." };
  const { responses } = mergeProblemResponses({ responses: { "400": written }, problems: ["InvalidBody"] });
  expect(responses["400"]).toEqual({ description: "`validation_error`: the id is not a UUID. `invalid_json`: the body is not valid JSON." });
});

it("merges two shared problems of one status into one response", () => {
  const { responses } = mergeProblemResponses({ responses: {}, problems: ["NotAdministrator", "CrossSiteRequest"] });
  expect(responses["403"]).toEqual({
    description:
      "`forbidden`: the account is not an administrator. `csrf_rejected`: a request authenticated by cookie came from another site (API clients send `Authorization: Bearer`).",
  });
});

it("describes the shared responses used, once each, by name", () => {
  const responses = sharedProblemResponses(["PayloadTooLarge", "DatabaseUnavailable", "PayloadTooLarge"]);
  expect(Object.keys(responses)).toEqual(["DatabaseUnavailable", "PayloadTooLarge"]);
  expect(responses.PayloadTooLarge).toEqual({ description: "`payload_too_large`: the body is over 16 KiB." });
});

it("reads the codes named in backticks", () => {
  expect([...namedCodes("`a_b` and `c`, not d_e")]).toEqual(["a_b", "c"]);
  expect(namedCodes(undefined).size).toBe(0);
});

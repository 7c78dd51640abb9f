import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeReasons, impliedProblems } from "./generated-problems";

describe("impliedProblems", () => {
  const body = z.strictObject({});

  it("gives a public route without input only the database's 503", () => {
    expect(impliedProblems({}, "get")).toEqual(["DatabaseUnavailable"]);
  });

  it("gives an administrators' route that changes data 401, both 403s, the body's 400/413/415 and 503", () => {
    expect(impliedProblems({ auth: "admin", body, params: body }, "patch")).toEqual([
      "Unauthorized",
      "NotAdministrator",
      "CrossSiteRequest",
      "InvalidPathParameters",
      "InvalidBody",
      "PayloadTooLarge",
      "UnsupportedMediaType",
      "DatabaseUnavailable",
    ]);
  });

  it("asks for the same-site check only of methods that change data, and 401 of optional sign-in only when bad tokens count", () => {
    expect(impliedProblems({ auth: "user", query: body }, "get")).toEqual(["Unauthorized", "InvalidQuery", "DatabaseUnavailable"]);
    expect(impliedProblems({ auth: "optional", ignoreInvalidToken: true }, "post")).toEqual(["CrossSiteRequest", "DatabaseUnavailable"]);
    expect(impliedProblems({ auth: "optional" }, "get")).toEqual(["Unauthorized", "DatabaseUnavailable"]);
  });

  it("gives no 400 for path parameters that are answered 404 when refused (paramsNotFound)", () => {
    expect(impliedProblems({ params: body, paramsNotFound: "No such thing." }, "get")).toEqual(["DatabaseUnavailable"]);
  });
});

it("describes each code once, with all its reasons", () => {
  expect(
    describeReasons([
      { code: "validation_error", why: "a bad body" },
      { code: "invalid_json", why: "not JSON" },
      { code: "validation_error", why: "a bad query" },
    ]),
  ).toBe("`validation_error`: a bad body, or a bad query. `invalid_json`: not JSON.");
});

import { describe, expect, it } from "vitest";
import { profile as profileSchema } from "@/lib/users/schemas";
import { api } from "../helpers/api";
import { expectProblem } from "../helpers/expect-problem";
import { signIn } from "../helpers/flows";

describe("PATCH /api/v1/profile", () => {
  it("sets names in any script, trimmed, and a lower-cased e-mail, and answers the profile", async () => {
    const { accessToken: token, profile } = await signIn();
    const response = await api.patch(
      "/api/v1/profile",
      { firstName: "  Анна-Мария ", lastName: "李 小龍", email: "  Anna.Smith@Example.COM " },
      { token },
    );
    expect(response.status, response.text).toBe(200);
    expect(profileSchema.parse(response.body)).toEqual({
      ...profile,
      firstName: "Анна-Мария",
      lastName: "李 小龍",
      email: "anna.smith@example.com",
    });
    const again = await api.get("/api/v1/profile", { token });
    expect(again.body).toMatchObject({ firstName: "Анна-Мария", lastName: "李 小龍", email: "anna.smith@example.com" });
  });

  it("leaves absent fields alone and clears a field given as null", async () => {
    const { accessToken: token } = await signIn();
    await api.patch("/api/v1/profile", { firstName: "Ann", lastName: "Lee", email: "ann@example.com" }, { token });
    const response = await api.patch("/api/v1/profile", { lastName: null }, { token });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ firstName: "Ann", lastName: null, email: "ann@example.com" });
    const cleared = await api.patch("/api/v1/profile", { firstName: null, email: null }, { token });
    expect(cleared.body).toMatchObject({ firstName: null, lastName: null, email: null });
    const nothing = await api.patch("/api/v1/profile", {}, { token });
    expect(nothing.status).toBe(200);
    expect(nothing.body).toMatchObject({ firstName: null, lastName: null, email: null });
  });

  it("counts characters, not bytes: 50 of any script pass, 51 do not", async () => {
    const { accessToken: token } = await signIn();
    const fifty = "😀".repeat(50);
    expect((await api.patch("/api/v1/profile", { firstName: fifty }, { token })).body.firstName).toBe(fifty);
    expectProblem(await api.patch("/api/v1/profile", { firstName: "ж".repeat(51) }, { token }), "validation_error", {
      errors: [{ path: "firstName", message: "At most 50 characters." }],
    });
  });

  it.each([
    [{ firstName: "" }, [{ path: "firstName", message: "Enter at least one character, or send null to clear." }]],
    [{ lastName: "   " }, [{ path: "lastName", message: "Enter at least one character, or send null to clear." }]],
    [{ firstName: "Ann\nLee" }, [{ path: "firstName", message: "Control characters and line breaks are not allowed." }]],
    [{ firstName: 42 }, [{ path: "firstName", message: expect.any(String) }]],
    [{ email: "not-an-email" }, [{ path: "email", message: "Enter a valid e-mail address, or send null to clear." }]],
    [{ email: "a@b" }, [{ path: "email", message: "Enter a valid e-mail address, or send null to clear." }]],
    [{ email: `${"a".repeat(250)}@example.com` }, [{ path: "email", message: expect.any(String) }]],
    [{ phone: "+79990001122" }, [{ path: "phone", message: "Unknown field." }]],
    [{ inviteCode: "ABCDEF" }, [{ path: "inviteCode", message: "Unknown field." }]],
    [{ isAdmin: true }, [{ path: "isAdmin", message: "Unknown field." }]],
    [{ firstName: "Ann", nickname: "A" }, [{ path: "nickname", message: "Unknown field." }]],
  ])("refuses %j with 400 validation_error and changes nothing", async (body, errors) => {
    const { accessToken: token, profile } = await signIn();
    expectProblem(await api.patch("/api/v1/profile", body, { token }), "validation_error", { errors });
    expect((await api.get("/api/v1/profile", { token })).body).toEqual(profile);
  });

  it("refuses a body that is not a JSON object", async () => {
    const { accessToken: token } = await signIn();
    expectProblem(await api.patch("/api/v1/profile", ["firstName"], { token }), "validation_error", {
      errors: [{ path: "(root)", message: "Invalid input: expected object, received array" }],
    });
    expectProblem(await api.patch("/api/v1/profile", undefined, { token, body: "{", headers: { "content-type": "application/json" } }), "invalid_json");
    expectProblem(await api.patch("/api/v1/profile", undefined, { token, body: "firstName=Ann", headers: { "content-type": "application/x-www-form-urlencoded" } }), "unsupported_media_type");
  });

  it("needs a signed-in user", async () => {
    expectProblem(await api.patch("/api/v1/profile", { firstName: "Ann" }), "unauthorized");
    expectProblem(await api.patch("/api/v1/profile", { firstName: "Ann" }, { token: "not-a-token" }), "invalid_token");
  });
});

describe("cookie-authenticated account changes (the web pages)", () => {
  it("accepts same-origin requests and refuses cross-site ones with 403 csrf_rejected", async () => {
    const { accessToken, profile } = await signIn();
    const cookie = `pr_access=${accessToken}`;
    const sameSite = await api.patch("/api/v1/profile", { firstName: "Cookie" }, { headers: { cookie, "sec-fetch-site": "same-origin" } });
    expect(sameSite.status).toBe(200);
    const sameOrigin = await api.patch("/api/v1/profile", { lastName: "Jar" }, { headers: { cookie, origin: "http://localhost:3000" } });
    expect(sameOrigin.body).toMatchObject({ firstName: "Cookie", lastName: "Jar" });

    expectProblem(await api.patch("/api/v1/profile", { firstName: "Evil" }, { headers: { cookie, "sec-fetch-site": "cross-site" } }), "csrf_rejected");
    expectProblem(await api.patch("/api/v1/profile", { firstName: "Evil" }, { headers: { cookie, origin: "https://evil.example" } }), "csrf_rejected");
    expectProblem(await api.patch("/api/v1/profile", { firstName: "Evil" }, { headers: { cookie, origin: "null" } }), "csrf_rejected");
    expectProblem(await api.delete("/api/v1/profile", { headers: { cookie } }), "csrf_rejected");
    expectProblem(await api.put("/api/v1/profile/avatar", { headers: { cookie, "sec-fetch-site": "same-site" } }), "csrf_rejected");
    // Reading with the cookie needs no proof of origin.
    expect((await api.get("/api/v1/profile", { headers: { cookie } })).body).toMatchObject({ id: profile.id, firstName: "Cookie" });
  });
});

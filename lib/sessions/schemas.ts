import { z } from "zod";

export const jsonWebKey = z
  .object({
    kty: z.literal("EC"),
    crv: z.literal("P-256"),
    x: z.string().describe("The public point's x coordinate, base64url."),
    y: z.string().describe("The public point's y coordinate, base64url."),
    kid: z.string().describe("The key id, as in the `kid` header of the tokens it signed.").meta({ example: "8f14e45f-ceea-4e7a-9b1c-2d0f7f6a1c3b" }),
    alg: z.literal("ES256"),
    use: z.literal("sig"),
  })
  .meta({ id: "JsonWebKey" });

export const jsonWebKeySet = z
  .object({ keys: z.array(jsonWebKey).describe("Newest first: the first one signs new tokens, the others still verify tokens they signed.") })
  .meta({ id: "JsonWebKeySet" });

export const sessionInfo = z
  .object({
    id: z.uuid().describe("The session's id (the `sid` claim of its access tokens).").meta({ example: "5c1e8f2a-7d41-4c8e-9f1a-3b2c4d5e6f70" }),
    createdAt: z.iso.datetime().describe("When this session signed in."),
    lastUsedAt: z.iso.datetime().describe("Its last refresh or request (requests are counted at most once a minute)."),
    userAgent: z.string().nullable().describe("The User-Agent it signed in with (at most 512 characters), or null.").meta({ example: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)" }),
    ip: z.string().nullable().describe("The network it signed in from, coarsened: an IPv4 /24 or an IPv6 /48.").meta({ example: "203.0.113.0/24" }),
    current: z.boolean().describe("True for the session of this request's access token."),
  })
  .meta({ id: "Session" });
export type SessionInfo = z.infer<typeof sessionInfo>;

export const sessionList = z
  .object({ items: z.array(sessionInfo).describe("The account's live sessions, the most recently used first.") })
  .meta({ id: "SessionList" });
export type SessionList = z.infer<typeof sessionList>;

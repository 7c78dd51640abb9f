import { z } from "zod";
import { profile } from "@/lib/users/schemas";

export const phoneInput = z
  .string()
  .min(1, "Enter a phone number.")
  .max(64)
  .describe("E.164 (+79991234567) or the national format of DEFAULT_PHONE_REGION (8 (999) 123-45-67).")
  .meta({ example: "+79991234567" });

export const otpCodeInput = z
  .string()
  .trim()
  .regex(/^\d{4,8}$/, "The code is 4 to 8 digits.")
  .describe("The one-time code from the SMS.")
  .meta({ example: "1234" });

export const requestCodeBody = z.strictObject({ phone: phoneInput }).meta({ id: "RequestCodeRequest" });

export const codeSent = z
  .object({
    phone: z.string().describe("The number the code was sent to, E.164.").meta({ example: "+79991234567" }),
    expiresIn: z.number().int().describe("Seconds the code stays valid.").meta({ example: 300 }),
    resendIn: z.number().int().describe("Seconds before another code can be requested.").meta({ example: 60 }),
    codeLength: z.number().int().describe("Digits in the code.").meta({ example: 4 }),
  })
  .meta({ id: "CodeSent" });

export const verifyCodeBody = z.strictObject({ phone: phoneInput, code: otpCodeInput }).meta({ id: "VerifyCodeRequest" });

export const refreshBody = z
  .strictObject({ refreshToken: z.string().min(1).max(200).describe("The refresh token of the last sign-in or refresh.") })
  .meta({ id: "RefreshRequest" });

export const logoutBody = z
  .strictObject({ refreshToken: z.string().min(1).max(200).optional() })
  .meta({ id: "LogoutRequest" });

export const authTokens = z
  .object({
    accessToken: z.string().describe("A JWT for `Authorization: Bearer`."),
    refreshToken: z.string().describe("Opaque; exchange it at /auth/refresh. Each one works once."),
    tokenType: z.literal("Bearer"),
    expiresIn: z.number().int().describe("Seconds the access token is valid.").meta({ example: 900 }),
    isNewUser: z.boolean().describe("True when this sign-in created the account."),
    profile,
  })
  .meta({ id: "AuthTokens" });
export type AuthTokens = z.infer<typeof authTokens>;

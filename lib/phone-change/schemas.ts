import { z } from "zod";
import { otpCodeInput, phoneInput } from "@/lib/auth/schemas";

export const changePhoneBody = z
  .strictObject({ phone: phoneInput.describe("The new number: E.164 or the national format of DEFAULT_PHONE_REGION.") })
  .meta({ id: "ChangePhoneRequest" });

export const confirmPhoneChangeBody = z
  .strictObject({
    phone: phoneInput.describe("The new number the code was sent to."),
    code: otpCodeInput,
  })
  .meta({ id: "ConfirmPhoneChangeRequest" });

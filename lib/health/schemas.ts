import { z } from "zod";

export const healthStatus = z
  .object({ status: z.literal("ok").describe("Always `ok`; failures are problem+json.") })
  .meta({ id: "HealthStatus" });

import { z } from "zod";

export const outboxQuery = z
  .strictObject({
    phone: z
      .string({ error: "Required: the outbox shows the messages of one phone only." })
      .max(64)
      .describe("The number whose messages to show (E.164 or a national format). Required: other numbers are never listed.")
      .meta({ example: "+79991234567" }),
  })
  .meta({ id: "OutboxQuery" });

export const outbox = z
  .object({
    messages: z.array(
      z.object({
        phone: z.string().meta({ example: "+79991234567" }),
        text: z.string().meta({ example: "Your sign-in code: 1234. It is valid for 5 min. Do not share it." }),
        code: z.string().nullable().meta({ example: "1234" }),
        sentAt: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: "SimulatedOutbox" });

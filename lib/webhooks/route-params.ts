import { z } from "zod";
import { idParam } from "@/lib/http/id-params";

/** `params` of the routes under `[id]/deliveries/[deliveryId]`. */
export const webhookDeliveryParams = z.object({ id: idParam, deliveryId: idParam });

export interface SmsMessage {
  /** E.164. */
  phone: string;
  text: string;
  /** The one-time code inside the text; only the simulated provider keeps it (for its outbox). */
  code: string;
}

/** Sends one message or throws {@link SmsDeliveryError}. */
export interface SmsProvider {
  readonly name: "simulated" | "smsaero";
  send(message: SmsMessage): Promise<void>;
}

export class SmsDeliveryError extends Error {
  override name = "SmsDeliveryError";
}

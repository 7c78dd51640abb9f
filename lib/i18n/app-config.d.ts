import type en from "@/messages/en.json";
import type { formats } from "./formats";
import type { Locale } from "./locales";

// Type-checked keys and formats: a missing or misspelt message is a compile error (messages/ru.json is checked
// against messages/en.json by lib/i18n/messages.test.ts).
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof en;
    Formats: typeof formats;
  }
}

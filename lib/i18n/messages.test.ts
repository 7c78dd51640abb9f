import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import ru from "@/messages/ru.json";

/** Every key path of a messages tree with its text: `Layout.brand` → "Phone referrals". */
function entries(tree: object, prefix = ""): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") found.set(path, value);
    else for (const [nested, text] of entries(value as object, path)) found.set(nested, text);
  }
  return found;
}

/** The names of an ICU message's arguments (`{code}`, `{count, plural, …}`). */
function argumentsOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\s*([A-Za-z0-9_]+)\s*[,}]/g)].map((match) => match[1]!))].sort();
}

/** The names of its tags (`<strong>`). */
function tagsOf(text: string): string[] {
  return [...new Set([...text.matchAll(/<([A-Za-z0-9_]+)>/g)].map((match) => match[1]!))].sort();
}

describe("messages", () => {
  const english = entries(en);
  const russian = entries(ru);

  it("has the same keys in both languages", () => {
    expect([...russian.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it("uses the same tags in both languages, and no argument in Russian that English lacks", () => {
    for (const [key, text] of english) {
      const translated = russian.get(key) ?? "";
      expect(tagsOf(translated), key).toEqual(tagsOf(text));
      // A translation may leave an argument out (the Russian SMS omits the validity to fit one segment).
      expect(argumentsOf(text), key).toEqual(expect.arrayContaining(argumentsOf(translated)));
    }
  });

  it("leaves no Russian message empty or in English", () => {
    for (const [key, text] of russian) {
      expect(text.trim(), key).not.toBe("");
      if (/[A-Za-z]{4,}/.test(text.replace(/\{[^}]*\}|<[^>]*>|https?:\S+|API|REST|OpenAPI|SMS|e-mail|\/\S+/g, ""))) {
        expect(/[А-Яа-яЁё]/.test(text), `${key} has no Cyrillic: ${text}`).toBe(true);
      }
    }
  });
});

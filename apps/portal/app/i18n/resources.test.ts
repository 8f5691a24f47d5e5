import { readdirSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { createI18n, namespaces, reportMissingWord, resources } from "./config";

// The portal's words: both languages carry the same keys in every area, no value is empty, every
// placeholder of the English text is in the French one, and French is French — a value equal to
// its English one is a word left untranslated, unless it is the same in both languages (the
// allow-list below, by value).

/** Values that are the same in English and French. */
const sameInBothLanguages = new Set([
  "Ordinavo",
  "Email",
  "English",
  "Français",
  "Maintenance",
  "Contact",
  "Date",
  "Description",
  "Message",
  "Note",
  "Photos",
  "Site",
  "Type",
  "Urgent",
]);

const pluralSuffix = /_(zero|one|two|few|many|other)$/;
const baseKey = (key: string) => key.replace(pluralSuffix, "");
const placeholders = (value: string) =>
  [...value.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();
/** The text a reader sees, without placeholders. */
const words = (value: string) => value.replace(/\{\{[^}]*\}\}/g, "").trim();

type Words = Record<string, string>;
const en = resources.en as unknown as Record<string, Words>;
const fr = resources.fr as unknown as Record<string, Words>;

describe("the portal's words", () => {
  it("registers every resource file, in both languages", () => {
    const folder = (language: string) =>
      readdirSync(new URL(`../locales/${language}`, import.meta.url))
        .filter((name) => name.endsWith(".json"))
        .map((name) => name.replace(/\.json$/, ""))
        .sort();
    expect(folder("en")).toEqual([...namespaces].sort());
    expect(folder("fr")).toEqual([...namespaces].sort());
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  describe.each(namespaces)("the %s area", (ns) => {
    const english = en[ns]!;
    const french = fr[ns]!;

    it("has the same keys in English and French (plural forms as each language needs them)", () => {
      const bases = (words: Words) => [...new Set(Object.keys(words).map(baseKey))].sort();
      expect(bases(french), "keys in French but not in English, or the reverse").toEqual(bases(english));
      for (const [language, table] of [
        ["en", english],
        ["fr", french],
      ] as const) {
        const needed = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
        for (const plural of new Set(
          Object.keys(table)
            .filter((key) => pluralSuffix.test(key))
            .map(baseKey),
        )) {
          for (const category of needed) {
            expect(table, `${language} ${ns}: "${plural}_${category}" for a count`).toHaveProperty(
              `${plural}_${category}`,
            );
          }
        }
      }
    });

    it("has no empty values", () => {
      for (const table of [english, french]) {
        for (const [key, value] of Object.entries(table)) {
          expect(typeof value, `${ns}:${key}`).toBe("string");
          expect(value.trim(), `${ns}:${key} is empty`).not.toBe("");
        }
      }
    });

    it("keeps the English placeholders in French", () => {
      for (const [key, value] of Object.entries(french)) {
        const source = english[key] ?? english[`${baseKey(key)}_other`] ?? "";
        expect(placeholders(value), `${ns}:${key}`).toEqual(placeholders(source));
      }
    });

    it("is translated: French differs from English except for words both languages share", () => {
      const untranslated = Object.entries(english).filter(([key, value]) => {
        const other = french[key];
        if (other === undefined || other !== value) return false;
        const text = words(value);
        return /\p{L}/u.test(text) && !sameInBothLanguages.has(text);
      });
      expect(
        untranslated.map(([key, value]) => `${ns}:${key} = "${value}"`),
        "French values equal to the English ones",
      ).toEqual([]);
    });
  });

  it("reads a count in both languages", () => {
    const pluralKeys = namespaces.flatMap((ns) =>
      [
        ...new Set(
          Object.keys(en[ns]!)
            .filter((key) => pluralSuffix.test(key))
            .map(baseKey),
        ),
      ].map((key) => [ns, key] as const),
    );
    for (const language of ["en", "fr"] as const) {
      const i18n = createI18n(language);
      for (const [ns, key] of pluralKeys) {
        for (const count of [0, 1, 2, 1_000_000]) {
          const text = i18n.t(key, { ns, count });
          expect(text, `${language} ${ns}:${key} with ${count}`).not.toBe(key);
          expect(text).not.toMatch(/\{\{/);
        }
      }
    }
  });
});

describe("a missing word", () => {
  it("is reported by key, as a warning on the server", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const i18n = createI18n("fr");
      expect(i18n.t("nav.nothing-here")).toBe("nav.nothing-here");
      expect(i18n.t("greeting", { ns: "home" })).not.toMatch(/\{\{/);
      expect(warn.mock.calls.map((call) => call[0])).toEqual([
        "Missing portal word: common:nav.nothing-here (fr)",
        "Missing portal word: interpolation:name (fr)",
      ]);
    } finally {
      warn.mockRestore();
    }
  });

  it("is a console error in the browser, so the browser tests fail on it", () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    vi.stubGlobal("window", {});
    try {
      reportMissingWord(["en"], "timeline", "entry.unknown");
      expect(error).toHaveBeenCalledWith("Missing portal word: timeline:entry.unknown (en)");
    } finally {
      vi.unstubAllGlobals();
      error.mockRestore();
    }
  });
});

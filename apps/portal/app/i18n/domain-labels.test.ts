import { portalLabels } from "@ordinavo/domain/labels";
import { describe, expect, it } from "vitest";
import { resources } from "./config";

// Status, type and time-of-day words come from the domain package (packages/domain/src/labels.ts,
// `portalLabels`): the one place that says how the portal names an internal state. The portal's
// word files carry them under their own keys so pages stay plain `t()` calls; this test keeps every
// copy equal to the domain's, in both languages. (The lower-case "dates.window.*" read inside a
// sentence are the same words.)

const mirrored: [namespace: string, prefix: string, kind: keyof typeof portalLabels][] = [
  ["requests", "status.", "portal_request"],
  ["requests", "type.", "portal_request_type"],
  ["requests", "window.", "time_window"],
  ["appointments", "status.", "portal_appointment"],
  ["appointments", "work.status.", "portal_work"],
  ["home", "requestStatus.", "portal_request"],
  ["home", "appointmentStatus.", "portal_appointment"],
];

describe("portal words that come from the domain", () => {
  it.each(mirrored.flatMap((row) => (["en", "fr"] as const).map((locale) => [...row, locale] as const)))(
    "%s %s* equals the domain's %s labels in %s",
    (namespace, prefix, kind, locale) => {
      const words = (resources[locale] as Record<string, Record<string, string>>)[namespace]!;
      const labels = portalLabels[kind] as Record<string, Record<"en" | "fr", string>>;
      for (const [value, label] of Object.entries(labels)) {
        expect(words[`${prefix}${value}`], `${locale}/${namespace}.json ${prefix}${value}`).toBe(
          label[locale],
        );
      }
    },
  );
});

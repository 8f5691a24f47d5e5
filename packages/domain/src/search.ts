// How customer search reads what people type (decision 018). The database folds stored values with
// the same rules (ordinavo_search_fold and friends in migration 0013); a test compares the two on
// both engines, so a word typed here always meets the word stored there.

/** Accented letters and what they fold to, one for one (lower and upper case). */
export const FOLD_FROM =
  "àáâãäåāăąçćčďđèéêëēėęěìíîïīįıñńňòóôõöøōőùúûüūůűųýÿžźżśšşłřţť" +
  "ÀÁÂÃÄÅĀĂĄÇĆČĎĐÈÉÊËĒĖĘĚÌÍÎÏĪĮİÑŃŇÒÓÔÕÖØŌŐÙÚÛÜŪŮŰŲÝŸŽŹŻŚŠŞŁŘŢŤ";
export const FOLD_TO =
  "aaaaaaaaacccddeeeeeeeeiiiiiiinnnoooooooouuuuuuuuyyzzzssslrtt" +
  "aaaaaaaaacccddeeeeeeeeiiiiiiinnnoooooooouuuuuuuuyyzzzssslrtt";

const foldMap = new Map<string, string>([...FOLD_FROM].map((ch, i) => [ch, FOLD_TO[i]!]));
const ligatures: Array<[RegExp, string]> = [
  [/[œŒ]/g, "oe"],
  [/[æÆ]/g, "ae"],
  [/ß/g, "ss"],
];

/**
 * Lower case without accents: "Hôtel Œuvre" → "hotel oeuvre". ASCII letters are lowered; other
 * letters outside the fold table stay as they are and count as separators in words.
 */
export function foldSearchText(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    out += code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : (foldMap.get(ch) ?? ch);
  }
  for (const [pattern, replacement] of ligatures) out = out.replace(pattern, replacement);
  return out;
}

/** The distinct words of a text, folded: runs of a–z and 0–9. */
export function searchWords(text: string): string[] {
  return [
    ...new Set(
      foldSearchText(text)
        .split(/[^a-z0-9]+/)
        .filter(Boolean),
    ),
  ];
}

/** The folded text with every run of other characters made one space: "C-1012" → "c 1012". */
export function searchPhrase(text: string): string {
  return foldSearchText(text)
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * A phone number as its national digits: spaces and punctuation dropped, a +33 / 0033 prefix and
 * the trunk 0 removed, so "+33 4 72 00 10 12", "04 72 00 10 12" and "472001012" are one number.
 * Null when nothing is left.
 */
export function phoneDigits(text: string): string | null {
  let digits = text.replace(/\D+/g, "");
  if (/^\s*(\+|00)\s*33/.test(text)) digits = digits.replace(/^(00)?33/, "");
  digits = digits.replace(/^0+/, "");
  return digits || null;
}

/** Whether a search looks like (the start of) a phone number: digits and phone punctuation only. */
export function looksLikePhone(text: string): boolean {
  return /^[\d\s+()./-]+$/.test(text) && text.replace(/\D+/g, "").length >= 4;
}

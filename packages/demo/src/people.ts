/** Believable French names, e-mail addresses and phone numbers from a seeded stream. */
import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES } from "./demo/data/words";
import type { Random } from "./random";

export interface Person {
  first: string;
  last: string;
  name: string;
  /** "Mme Laurent" / "M. Perrin", as one writes it on a note. */
  formal: string;
}

export function person(random: Random, first?: string, last?: string, female?: boolean): Person {
  const isFemale = female ?? random.chance(0.5);
  const given = first ?? random.pick(isFemale ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
  const family = last ?? random.pick(LAST_NAMES);
  return {
    first: given,
    last: family,
    name: `${given} ${family}`,
    formal: `${isFemale ? "Mme" : "M."} ${family}`,
  };
}

/** Lower-case ASCII for e-mail local parts and domains: "Élodie Guérin" → "elodie.guerin". */
export function slugify(text: string, separator = "-"): string {
  const ascii = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  return ascii
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join(separator);
}

export function emailFor(p: Pick<Person, "first" | "last">, domain: string): string {
  return `${slugify(p.first, "")}.${slugify(p.last, "")}@${domain}`;
}

const pair = (random: Random) => String(random.int(0, 99)).padStart(2, "0");

/** A Lyon landline in the usual French grouping: "04 72 18 40 27". */
export function landline(random: Random): string {
  return `04 ${random.pick(["72", "78", "37", "26"])} ${pair(random)} ${pair(random)} ${pair(random)}`;
}

/** A French mobile number: "06 81 22 47 90". */
export function mobile(random: Random): string {
  return `0${random.pick(["6", "7"])} ${pair(random)} ${pair(random)} ${pair(random)} ${pair(random)}`;
}

// Words the API benches make customers of: eight trades and ten families give names such as
// "Hôtel Martin 42", so a search for one trade finds one customer in eight.
import { sql } from "drizzle-orm";

export const trades = [
  "Boulangerie",
  "Garage",
  "Pharmacie",
  "Hôtel",
  "Cabinet",
  "Restaurant",
  "Atelier",
  "Clinique",
];
export const families = [
  "Martin",
  "Bernard",
  "Dubois",
  "Thomas",
  "Robert",
  "Richard",
  "Petit",
  "Durand",
  "Leroy",
  "Moreau",
];
export const cities = [
  "Lyon",
  "Villeurbanne",
  "Grenoble",
  "Saint-Étienne",
  "Annecy",
  "Chambéry",
  "Valence",
  "Vienne",
];

/** A SQL text array literal of fixed words (never user input). */
export const textArray = (values: readonly string[]) =>
  sql.raw(`array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",")}]`);

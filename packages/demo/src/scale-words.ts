// Words the scale seed and the benchmarks make names of: "Boulangerie Martin SARL", "Window cleaning".

/** The first word of a business name. */
export const BUSINESS_PREFIXES = [
  "Boulangerie",
  "Pharmacie",
  "Cabinet",
  "Garage",
  "Restaurant",
  "Hôtel",
  "Agence",
  "Clinique",
  "Atelier",
  "Société",
  "Groupe",
  "Résidence",
  "Librairie",
  "Fromagerie",
  "Imprimerie",
  "Centre",
  "Laboratoire",
  "Menuiserie",
  "Boucherie",
  "Cave",
] as const;
/** What may follow the family name (often nothing). */
export const BUSINESS_SUFFIXES = ["", "", "", " & Fils", " Frères", " SARL", " SAS", " et Associés"] as const;
/** Titles of recurring jobs. */
export const JOB_TITLES = [
  "Window cleaning",
  "Office deep cleaning",
  "Fire extinguisher check",
  "Quarterly HVAC maintenance",
  "Plumbing repair",
  "Lighting replacement",
  "Pest control inspection",
  "Emergency lighting test",
] as const;

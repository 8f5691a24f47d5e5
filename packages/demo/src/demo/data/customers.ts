/**
 * The demo company's customers and their sites. Every company, person and note is invented.
 */
import type { CustomerStatus, CustomerType } from "@ordinavo/domain/vocabulary";
import type { StreetKey } from "./places";

/** Which kinds of work a customer's sites need. */
export type SiteCategory =
  | "office"
  | "retail"
  | "food"
  | "health"
  | "school"
  | "residential"
  | "home"
  | "industrial";

export interface SiteSeed {
  name: string;
  street: StreetKey;
  line2?: string;
  workMinutes?: number;
}

export interface CustomerSeed {
  key: string;
  number: string;
  name: string;
  type: CustomerType;
  status: CustomerStatus;
  industry: string;
  category: SiteCategory;
  domain: string;
  notes?: string;
  internalNote?: string;
  externalRefs?: readonly { sourceSystem: string; externalId: string }[];
  sites: readonly SiteSeed[];
}

export const DEMO_CUSTOMERS: readonly CustomerSeed[] = [
  {
    key: "gerance",
    number: "C-1001",
    name: "Gérance Saône & Rhône",
    type: "business",
    status: "active",
    industry: "Property management",
    category: "residential",
    domain: "gerance-saone-rhone.example",
    notes: "Common areas only — never enter private flats. Residents' council meets on the first Tuesday.",
    externalRefs: [{ sourceSystem: "sap", externalId: "0000100231" }],
    sites: [
      { name: "Résidence Les Terrasses de Saône", street: "quaiRambaud" },
      { name: "Immeuble Le Britannia", street: "republique", line2: "Entrée B" },
      { name: "Résidence Parc Blandan", street: "berthelot" },
      { name: "Tour Garibaldi — parties communes", street: "garibaldi" },
    ],
  },
  {
    key: "vernay",
    number: "C-1002",
    name: "Boulangeries Maison Vernay",
    type: "business",
    status: "active",
    industry: "Retail — bakery chain",
    category: "food",
    domain: "maison-vernay.example",
    notes: "Shops open at 6:30. Work inside the shops before opening or on Monday afternoons (closed).",
    externalRefs: [{ sourceSystem: "hubspot", externalId: "HS-5521904" }],
    sites: [
      { name: "Vernay Croix-Rousse", street: "grandeRueCroixRousse" },
      { name: "Vernay Monplaisir", street: "freresLumiere" },
      { name: "Vernay Gratte-Ciel", street: "barbusse" },
      { name: "Vernay Vaise", street: "marietton" },
      { name: "Vernay — laboratoire central", street: "briand", line2: "ZI Les Meurières", workMinutes: 120 },
    ],
  },
  {
    key: "partDieuSante",
    number: "C-1003",
    name: "Centre Médical Part-Dieu Santé",
    type: "business",
    status: "active",
    industry: "Healthcare — medical centre",
    category: "health",
    domain: "partdieu-sante.example",
    internalNote:
      "Facility director asked twice for a discount after the January invoice dispute. Any goodwill gesture needs Julien's approval.",
    externalRefs: [{ sourceSystem: "sap", externalId: "0000100418" }],
    sites: [
      { name: "Centre médical — Part-Dieu", street: "vivierMerle", line2: "3e étage" },
      { name: "Annexe radiologie", street: "lafayette" },
    ],
  },
  {
    key: "tilleuls",
    number: "C-1004",
    name: "Groupe Scolaire Les Tilleuls",
    type: "public_sector",
    status: "active",
    industry: "Education — primary school",
    category: "school",
    domain: "ecole-les-tilleuls.example",
    notes: "Noisy work only on Wednesdays and during school holidays.",
    sites: [
      { name: "École maternelle", street: "pinel" },
      { name: "École élémentaire", street: "pinel", line2: "Bâtiment principal" },
      { name: "Gymnase des Tilleuls", street: "rooseveltBron", workMinutes: 90 },
    ],
  },
  {
    key: "techCampus",
    number: "C-1005",
    name: "Tech Campus Gerland SAS",
    type: "business",
    status: "active",
    industry: "Real estate — office campus",
    category: "office",
    domain: "techcampus-gerland.example",
    externalRefs: [
      { sourceSystem: "sap", externalId: "0000100502" },
      { sourceSystem: "hubspot", externalId: "HS-5530117" },
    ],
    sites: [
      { name: "Bâtiment A", street: "tonyGarnier", workMinutes: 120 },
      { name: "Bâtiment B", street: "tonyGarnier", line2: "Bâtiment B", workMinutes: 90 },
      { name: "Parking silo", street: "gerland" },
    ],
  },
  {
    key: "opticiens",
    number: "C-1006",
    name: "Opticiens Lumière",
    type: "business",
    status: "active",
    industry: "Retail — optician chain",
    category: "retail",
    domain: "opticiens-lumiere.example",
    externalRefs: [{ sourceSystem: "hubspot", externalId: "HS-5547762" }],
    sites: [
      {
        name: "Lumière Part-Dieu (centre commercial)",
        street: "docteurBouchut",
        line2: "Niveau 2, cellule 218",
      },
      { name: "Lumière Bron", street: "rooseveltBron" },
      { name: "Lumière Caluire", street: "vignal" },
    ],
  },
  {
    key: "dentaireFoch",
    number: "C-1007",
    name: "Cabinet Dentaire Foch",
    type: "business",
    status: "active",
    industry: "Healthcare — dental practice",
    category: "health",
    domain: "dentaire-foch.example",
    sites: [{ name: "Cabinet dentaire", street: "foch", line2: "1er étage gauche" }],
  },
  {
    key: "coworking",
    number: "C-1008",
    name: "Lumière Coworking",
    type: "business",
    status: "active",
    industry: "Coworking spaces",
    category: "office",
    domain: "lumiere-coworking.example",
    notes:
      "Members work until late: keep noise low after 18:00. Coffee machines are not ours — do not service them.",
    sites: [
      { name: "Coworking Confluence", street: "coursCharlemagne" },
      { name: "Coworking Brotteaux", street: "belges" },
    ],
  },
  {
    key: "glycines",
    number: "C-1009",
    name: "Résidence Seniors Les Glycines",
    type: "non_profit",
    status: "active",
    industry: "Senior housing",
    category: "residential",
    domain: "les-glycines.example",
    notes: "Residents are elderly: announce yourself at the desk, never block corridors or the lift.",
    sites: [
      { name: "Résidence principale", street: "fochSainteFoy", workMinutes: 90 },
      { name: "Pavillon Est", street: "fochSainteFoy", line2: "Pavillon Est" },
    ],
  },
  {
    key: "entraide",
    number: "C-1010",
    name: "Association Entraide Croix-Rousse",
    type: "non_profit",
    status: "active",
    industry: "Social services",
    category: "office",
    domain: "entraide-croixrousse.example",
    sites: [{ name: "Local associatif", street: "bdCroixRousse" }],
  },
  {
    key: "mutuelle",
    number: "C-1011",
    name: "Caisse Mutuelle Rhodanienne",
    type: "business",
    status: "active",
    industry: "Banking and insurance",
    category: "office",
    domain: "mutuelle-rhodanienne.example",
    internalNote:
      "Contract renewal at risk — negotiate before March. Procurement is comparing us with two national providers.",
    externalRefs: [{ sourceSystem: "sap", externalId: "0000100677" }],
    sites: [
      { name: "Siège — Part-Dieu", street: "vivierMerle", workMinutes: 120 },
      { name: "Agence Villeurbanne", street: "emileZola" },
      { name: "Agence Oullins", street: "grandeRueOullins" },
      { name: "Agence Vénissieux", street: "houel" },
    ],
  },
  {
    key: "hotel",
    number: "C-1012",
    name: "Hôtel Le Presqu'île",
    type: "business",
    status: "active",
    industry: "Hospitality",
    category: "office",
    domain: "hotel-presquile.example",
    notes: "Guest floors: work only in rooms the housekeeper has released. Uniform polo shirt required.",
    sites: [
      { name: "Hôtel", street: "victorHugo", workMinutes: 90 },
      { name: "Annexe séminaires", street: "constantine" },
    ],
  },
  {
    key: "labo",
    number: "C-1013",
    name: "Laboratoire Gerland Bio-Analyses",
    type: "business",
    status: "active",
    industry: "Medical laboratory",
    category: "health",
    domain: "gerland-bioanalyses.example",
    sites: [
      { name: "Laboratoire — Gerland", street: "gerland", line2: "Bâtiment C" },
      { name: "Centre de prélèvement Jean-Macé", street: "jeanJaures" },
    ],
  },
  {
    key: "fraismarche",
    number: "C-1014",
    name: "Supermarchés FraisMarché",
    type: "business",
    status: "active",
    industry: "Retail — grocery chain",
    category: "food",
    domain: "fraismarche.example",
    externalRefs: [
      { sourceSystem: "sap", externalId: "0000100733" },
      { sourceSystem: "hubspot", externalId: "HS-5561045" },
    ],
    sites: [
      { name: "FraisMarché Villeurbanne", street: "quatreAout" },
      { name: "FraisMarché Vaulx-en-Velin", street: "gabrielPeri" },
      { name: "FraisMarché Monplaisir", street: "rockefeller" },
      { name: "FraisMarché Caluire", street: "saintClair" },
      { name: "Entrepôt frais Saint-Priest", street: "briand", line2: "Quai 4", workMinutes: 90 },
    ],
  },
  {
    key: "kinetic",
    number: "C-1015",
    name: "Kinetic Fitness Lyon",
    type: "business",
    status: "active",
    industry: "Sports and fitness",
    category: "retail",
    domain: "kinetic-fitness.example",
    sites: [
      { name: "Kinetic Part-Dieu", street: "felixFaure" },
      { name: "Kinetic Confluence", street: "coursCharlemagne", line2: "Pôle de loisirs, niveau 1" },
    ],
  },
  {
    key: "regie",
    number: "C-1016",
    name: "Régie Immobilière Foch-Morand",
    type: "business",
    status: "active",
    industry: "Property management",
    category: "residential",
    domain: "regie-foch-morand.example",
    externalRefs: [{ sourceSystem: "sap", externalId: "0000100789" }],
    sites: [
      { name: "Immeuble Foch", street: "foch" },
      { name: "Résidence Morand", street: "roosevelt" },
      { name: "Galerie commerciale Vendôme", street: "vendome" },
    ],
  },
  {
    key: "creche",
    number: "C-1017",
    name: "Crèche Les Petits Canuts",
    type: "non_profit",
    status: "active",
    industry: "Childcare",
    category: "school",
    domain: "petits-canuts.example",
    notes: "No chemical products while children are present (7:30–18:30). Work before 7:30 or on Saturdays.",
    sites: [{ name: "Crèche", street: "grandeRueCroixRousse", line2: "Rez-de-chaussée sur cour" }],
  },
  {
    key: "institut",
    number: "C-1018",
    name: "Institut de Formation Rhône Sud",
    type: "public_sector",
    status: "active",
    industry: "Vocational training",
    category: "school",
    domain: "ifrs.example",
    sites: [
      { name: "Campus Oullins", street: "grandeRueOullins", workMinutes: 90 },
      { name: "Plateau technique Saint-Fons", street: "carnotSaintFons", workMinutes: 90 },
    ],
  },
  {
    key: "bouchons",
    number: "C-1019",
    name: "Bouchons & Compagnie",
    type: "business",
    status: "active",
    industry: "Restaurants",
    category: "food",
    domain: "bouchons-compagnie.example",
    sites: [
      { name: "Le Bouchon des Terreaux", street: "constantine" },
      { name: "Le Bouchon Saint-Jean", street: "saintJean" },
    ],
  },
  {
    key: "giraud",
    number: "C-1020",
    name: "Antoine Giraud",
    type: "private_person",
    status: "active",
    industry: "Private household",
    category: "home",
    domain: "giraud-famille.example",
    notes: "Private villa. Mr Giraud is usually away; his neighbour holds a key.",
    sites: [{ name: "Maison — Caluire", street: "vignal" }],
  },
  {
    key: "atelier",
    number: "C-1021",
    name: "Atelier Mécanique Vaise",
    type: "business",
    status: "prospect",
    industry: "Automotive repair",
    category: "industrial",
    domain: "atelier-vaise.example",
    notes: "Asked for a quote for weekly workshop cleaning and a grease-trap service.",
    sites: [{ name: "Atelier", street: "sedallian" }],
  },
  {
    key: "maisonSante",
    number: "C-1022",
    name: "Maison de Santé Gratte-Ciel",
    type: "business",
    status: "prospect",
    industry: "Healthcare — group practice",
    category: "health",
    domain: "msp-gratteciel.example",
    sites: [{ name: "Maison de santé", street: "onzeNovembre" }],
  },
  {
    key: "entrepots",
    number: "C-1023",
    name: "Entrepôts Logistiques du Rhône",
    type: "business",
    status: "inactive",
    industry: "Logistics",
    category: "industrial",
    domain: "elr-logistique.example",
    notes: "Contract ended; site handed over to the new tenant. Keep history for the warranty period.",
    internalNote:
      "Ended the contract after three unpaid invoices. Do not accept new work without prepayment.",
    externalRefs: [{ sourceSystem: "sap", externalId: "0000100158" }],
    sites: [{ name: "Entrepôt Saint-Priest", street: "briand", line2: "Cellule 7", workMinutes: 120 }],
  },
  {
    key: "centreSocial",
    number: "C-1024",
    name: "Centre Social Rillieux-Vancia",
    type: "non_profit",
    status: "inactive",
    industry: "Social services",
    category: "office",
    domain: "cs-rillieux.example",
    sites: [{ name: "Centre social", street: "europeRillieux" }],
  },
];

/**
 * The fixed vocabulary of the demo: a facility-services company in greater Lyon, its staff,
 * customers, sites and the kind of work it does. Every name, company and address number here is
 * invented; street names are real so the map looks right.
 */
import type { CustomerStatus, CustomerType, StaffRole } from "@ordinavo/domain/vocabulary";
import type { GeoPoint } from "@ordinavo/planning";

export const DEMO_SLUG = "demo";
export const DEMO_TIME_ZONE = "Europe/Paris";

/** The accounts people sign in with. All share the password given to the seed. */
export const DEMO_ACCOUNTS = {
  admin: "admin@demo.example",
  manager: "manager@demo.example",
  dispatcher: "dispatcher@demo.example",
  employee: "employee@demo.example",
  /** Portal user with access to a whole customer. */
  portal: "portal@demo.example",
  /** Portal user with access to selected locations of another customer only. */
  portalSites: "sites@demo.example",
} as const;

export const NORTHWIND_SLUG = "northwind";

/** Staff of the second tenant, there to show that tenants do not see each other. */
export const NORTHWIND_ACCOUNTS = {
  admin: "admin@northwind.example",
  dispatcher: "dispatcher@northwind.example",
  employee: "tech@northwind.example",
} as const;

export interface StaffSeed {
  key: string;
  email: string;
  name: string;
  role: StaffRole;
  /** Employees: where their usual area is (their work is drawn from sites near it). */
  base?: GeoPoint;
}

export const DEMO_STAFF: readonly StaffSeed[] = [
  { key: "admin", email: DEMO_ACCOUNTS.admin, name: "Sophie Marchand", role: "tenant_admin" },
  { key: "manager", email: DEMO_ACCOUNTS.manager, name: "Julien Roussel", role: "manager" },
  { key: "dispatcher", email: DEMO_ACCOUNTS.dispatcher, name: "Nadia Benali", role: "dispatcher" },
  {
    key: "lucas",
    email: DEMO_ACCOUNTS.employee,
    name: "Lucas Moreau",
    role: "employee",
    base: { latitude: 45.765, longitude: 4.835 },
  },
  {
    key: "camille",
    email: "camille.girard@demo.example",
    name: "Camille Girard",
    role: "employee",
    base: { latitude: 45.77, longitude: 4.875 },
  },
  {
    key: "thomas",
    email: "thomas.lefevre@demo.example",
    name: "Thomas Lefèvre",
    role: "employee",
    base: { latitude: 45.735, longitude: 4.835 },
  },
  {
    key: "ines",
    email: "ines.faure@demo.example",
    name: "Inès Faure",
    role: "employee",
    base: { latitude: 45.76, longitude: 4.857 },
  },
  {
    key: "mathieu",
    email: "mathieu.bonnet@demo.example",
    name: "Mathieu Bonnet",
    role: "employee",
    base: { latitude: 45.725, longitude: 4.905 },
  },
  {
    key: "lea",
    email: "lea.chevalier@demo.example",
    name: "Léa Chevalier",
    role: "employee",
    base: { latitude: 45.785, longitude: 4.825 },
  },
];

/** Where the vans are parked overnight: the company's workshop in Gerland. */
export const DEPOT: GeoPoint = { latitude: 45.7302, longitude: 4.8336 };

export interface Street {
  street: string;
  postalCode: string;
  city: string;
  lat: number;
  lng: number;
}

/** Real streets of greater Lyon with approximate coordinates. */
export const STREETS = {
  quaiRambaud: { street: "Quai Rambaud", postalCode: "69002", city: "Lyon", lat: 45.7429, lng: 4.8179 },
  coursCharlemagne: {
    street: "Cours Charlemagne",
    postalCode: "69002",
    city: "Lyon",
    lat: 45.7404,
    lng: 4.8186,
  },
  republique: { street: "Rue de la République", postalCode: "69002", city: "Lyon", lat: 45.762, lng: 4.836 },
  victorHugo: { street: "Rue Victor Hugo", postalCode: "69002", city: "Lyon", lat: 45.7537, lng: 4.8297 },
  constantine: { street: "Rue Constantine", postalCode: "69001", city: "Lyon", lat: 45.7663, lng: 4.8322 },
  saintJean: { street: "Rue Saint-Jean", postalCode: "69005", city: "Lyon", lat: 45.762, lng: 4.8275 },
  grandeRueCroixRousse: {
    street: "Grande Rue de la Croix-Rousse",
    postalCode: "69004",
    city: "Lyon",
    lat: 45.777,
    lng: 4.831,
  },
  bdCroixRousse: {
    street: "Boulevard de la Croix-Rousse",
    postalCode: "69004",
    city: "Lyon",
    lat: 45.7745,
    lng: 4.828,
  },
  garibaldi: { street: "Rue Garibaldi", postalCode: "69003", city: "Lyon", lat: 45.76, lng: 4.8515 },
  vivierMerle: {
    street: "Boulevard Marius Vivier Merle",
    postalCode: "69003",
    city: "Lyon",
    lat: 45.76,
    lng: 4.8595,
  },
  lafayette: { street: "Cours Lafayette", postalCode: "69003", city: "Lyon", lat: 45.7637, lng: 4.857 },
  docteurBouchut: {
    street: "Rue du Docteur Bouchut",
    postalCode: "69003",
    city: "Lyon",
    lat: 45.7612,
    lng: 4.8555,
  },
  felixFaure: { street: "Avenue Félix Faure", postalCode: "69003", city: "Lyon", lat: 45.7555, lng: 4.864 },
  foch: { street: "Avenue Maréchal Foch", postalCode: "69006", city: "Lyon", lat: 45.7705, lng: 4.844 },
  roosevelt: {
    street: "Cours Franklin Roosevelt",
    postalCode: "69006",
    city: "Lyon",
    lat: 45.768,
    lng: 4.848,
  },
  vendome: { street: "Rue Vendôme", postalCode: "69006", city: "Lyon", lat: 45.765, lng: 4.846 },
  belges: { street: "Boulevard des Belges", postalCode: "69006", city: "Lyon", lat: 45.7725, lng: 4.853 },
  jeanJaures: { street: "Avenue Jean Jaurès", postalCode: "69007", city: "Lyon", lat: 45.7465, lng: 4.8405 },
  gerland: { street: "Rue de Gerland", postalCode: "69007", city: "Lyon", lat: 45.7315, lng: 4.833 },
  tonyGarnier: { street: "Avenue Tony Garnier", postalCode: "69007", city: "Lyon", lat: 45.729, lng: 4.826 },
  berthelot: { street: "Avenue Berthelot", postalCode: "69007", city: "Lyon", lat: 45.7475, lng: 4.8415 },
  freresLumiere: {
    street: "Avenue des Frères Lumière",
    postalCode: "69008",
    city: "Lyon",
    lat: 45.745,
    lng: 4.87,
  },
  etatsUnis: {
    street: "Boulevard des États-Unis",
    postalCode: "69008",
    city: "Lyon",
    lat: 45.7335,
    lng: 4.868,
  },
  rockefeller: { street: "Avenue Rockefeller", postalCode: "69008", city: "Lyon", lat: 45.742, lng: 4.879 },
  bourgogne: { street: "Rue de Bourgogne", postalCode: "69009", city: "Lyon", lat: 45.7745, lng: 4.8045 },
  sedallian: { street: "Quai Paul Sédallian", postalCode: "69009", city: "Lyon", lat: 45.7785, lng: 4.809 },
  marietton: { street: "Rue Marietton", postalCode: "69009", city: "Lyon", lat: 45.7725, lng: 4.801 },
  pointDuJour: {
    street: "Avenue du Point du Jour",
    postalCode: "69005",
    city: "Lyon",
    lat: 45.759,
    lng: 4.796,
  },
  barbusse: {
    street: "Avenue Henri Barbusse",
    postalCode: "69100",
    city: "Villeurbanne",
    lat: 45.769,
    lng: 4.88,
  },
  emileZola: {
    street: "Cours Émile Zola",
    postalCode: "69100",
    city: "Villeurbanne",
    lat: 45.7705,
    lng: 4.872,
  },
  onzeNovembre: {
    street: "Boulevard du 11 Novembre 1918",
    postalCode: "69100",
    city: "Villeurbanne",
    lat: 45.779,
    lng: 4.869,
  },
  quatreAout: {
    street: "Rue du 4 Août 1789",
    postalCode: "69100",
    city: "Villeurbanne",
    lat: 45.7665,
    lng: 4.882,
  },
  rooseveltBron: {
    street: "Avenue Franklin Roosevelt",
    postalCode: "69500",
    city: "Bron",
    lat: 45.7385,
    lng: 4.91,
  },
  pinel: { street: "Boulevard Pinel", postalCode: "69500", city: "Bron", lat: 45.74, lng: 4.892 },
  saintClair: {
    street: "Grande Rue de Saint-Clair",
    postalCode: "69300",
    city: "Caluire-et-Cuire",
    lat: 45.789,
    lng: 4.855,
  },
  vignal: {
    street: "Avenue Élie Vignal",
    postalCode: "69300",
    city: "Caluire-et-Cuire",
    lat: 45.798,
    lng: 4.847,
  },
  gabrielPeri: {
    street: "Avenue Gabriel Péri",
    postalCode: "69120",
    city: "Vaulx-en-Velin",
    lat: 45.778,
    lng: 4.923,
  },
  houel: { street: "Avenue Marcel Houël", postalCode: "69200", city: "Vénissieux", lat: 45.7065, lng: 4.885 },
  joliotCurie: {
    street: "Boulevard Irène Joliot-Curie",
    postalCode: "69200",
    city: "Vénissieux",
    lat: 45.712,
    lng: 4.878,
  },
  briand: {
    street: "Rue Aristide Briand",
    postalCode: "69800",
    city: "Saint-Priest",
    lat: 45.7065,
    lng: 4.9405,
  },
  grandeRueOullins: { street: "Grande Rue", postalCode: "69600", city: "Oullins", lat: 45.7155, lng: 4.8075 },
  carnotSaintFons: {
    street: "Rue Carnot",
    postalCode: "69190",
    city: "Saint-Fons",
    lat: 45.7085,
    lng: 4.8535,
  },
  europeRillieux: {
    street: "Avenue de l'Europe",
    postalCode: "69140",
    city: "Rillieux-la-Pape",
    lat: 45.8135,
    lng: 4.895,
  },
  fochSainteFoy: {
    street: "Avenue Maréchal Foch",
    postalCode: "69110",
    city: "Sainte-Foy-lès-Lyon",
    lat: 45.734,
    lng: 4.797,
  },
} as const satisfies Record<string, Street>;

export type StreetKey = keyof typeof STREETS;

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

export interface ServiceSeed {
  title: string;
  minutes: number;
  categories: readonly SiteCategory[];
  summary: string;
  portalSummary: string;
  problem?: string;
  followUp?: string;
  /** Share of visits billed on top of the contract. */
  billable: number;
}

const ALL: readonly SiteCategory[] = [
  "office",
  "retail",
  "food",
  "health",
  "school",
  "residential",
  "home",
  "industrial",
];

export const SERVICES: readonly ServiceSeed[] = [
  {
    title: "Quarterly HVAC maintenance",
    minutes: 90,
    categories: ["office", "retail", "health", "school", "industrial"],
    summary:
      "Replaced the filters on both air-handling units, cleaned the condensate trays and checked refrigerant pressures — all within range.",
    portalSummary: "Ventilation and air-conditioning serviced; filters replaced, all readings normal.",
    problem: "Compressor on rooftop unit 2 short-cycles; the thermostat sensor is the likely cause.",
    followUp: "Replace the thermostat sensor on rooftop unit 2 (part ordered, 5 working days).",
    billable: 0.2,
  },
  {
    title: "Office deep cleaning",
    minutes: 120,
    categories: ["office", "health", "school"],
    summary:
      "Deep clean of open-plan areas and meeting rooms; carpets vacuumed with extraction, kitchenettes degreased, bins washed.",
    portalSummary: "Deep cleaning of offices, meeting rooms and kitchenettes completed.",
    problem: "Coffee stain on the carpet in meeting room 3 did not come out with extraction.",
    followUp: "Spot-treat the carpet in meeting room 3 with enzyme cleaner.",
    billable: 0.3,
  },
  {
    title: "Window cleaning",
    minutes: 90,
    categories: ["office", "retail", "food", "residential", "home"],
    summary: "Interior and exterior glazing cleaned on the ground and first floors; frames and sills wiped.",
    portalSummary: "Windows cleaned inside and out on the ground and first floors.",
    problem: "Upper windows on the courtyard side need the cherry picker; not reachable from ladders.",
    followUp: "Book the cherry picker and clean the upper courtyard windows.",
    billable: 0.25,
  },
  {
    title: "Fire extinguisher check",
    minutes: 45,
    categories: ALL,
    summary: "All extinguishers checked, weighed and tagged; two CO2 units recharged on site.",
    portalSummary: "Annual extinguisher check done; all units tagged and compliant.",
    problem: "The extinguisher in the archive room is missing from its bracket.",
    followUp: "Supply and mount a replacement 2 kg CO2 extinguisher in the archive room.",
    billable: 0.4,
  },
  {
    title: "Emergency lighting test",
    minutes: 60,
    categories: ["office", "retail", "health", "school", "residential", "industrial"],
    summary: "Functional test of all emergency luminaires and exit signs; safety logbook signed.",
    portalSummary: "Emergency lighting tested; logbook updated.",
    problem: "Three luminaires in stairwell B failed the one-hour autonomy test.",
    followUp: "Replace the batteries of three emergency luminaires in stairwell B.",
    billable: 0.15,
  },
  {
    title: "Cleaning quality audit",
    minutes: 45,
    categories: ["office", "retail", "health", "school", "residential"],
    summary:
      "Audit against the contract checklist: 92 % compliance. Entrance and washrooms excellent, kitchenette below target.",
    portalSummary: "Monthly cleaning quality audit carried out; results shared with your account manager.",
    problem: "Night team skips the kitchenette fridge; found expired food and spills.",
    followUp: "Brief the night team and re-audit the kitchenette in two weeks.",
    billable: 0,
  },
  {
    title: "Plumbing repair",
    minutes: 60,
    categories: ["office", "food", "health", "school", "residential", "home"],
    summary:
      "Replaced the cartridge of the leaking mixer tap in the staff washroom; no leak after 15 minutes under pressure.",
    portalSummary: "Leaking tap repaired in the staff washroom.",
    problem: "The isolation valve under the sink is seized and should be replaced.",
    followUp: "Replace the seized isolation valve under the washroom sink.",
    billable: 0.7,
  },
  {
    title: "Lighting replacement",
    minutes: 60,
    categories: ["office", "retail", "residential", "school", "industrial"],
    summary:
      "Replaced twelve fluorescent tubes with LED equivalents in the corridor and stairwell; old tubes taken for recycling.",
    portalSummary: "Corridor and stairwell lighting replaced with LED tubes.",
    problem: "Two fittings in the car park have a burnt ballast; tubes alone will not fix them.",
    followUp: "Replace two car-park light fittings with LED battens.",
    billable: 0.6,
  },
  {
    title: "Carpet shampooing",
    minutes: 150,
    categories: ["office", "health", "residential"],
    summary:
      "Hot-water extraction of carpets on the first floor; drying fans left for 4 hours, collected by the caretaker.",
    portalSummary: "Carpets shampooed on the first floor.",
    billable: 0.5,
  },
  {
    title: "Waste room disinfection",
    minutes: 45,
    categories: ["food", "residential", "industrial", "retail"],
    summary: "Bin room emptied, pressure-washed and disinfected; drain cleared and odour treatment applied.",
    portalSummary: "Bin room cleaned and disinfected.",
    problem: "Drain in the bin room is slow; roots or grease further down.",
    followUp: "Camera inspection and jetting of the bin-room drain.",
    billable: 0.2,
  },
  {
    title: "Floor stripping and waxing",
    minutes: 180,
    categories: ["retail", "school", "health", "food"],
    summary:
      "Old polish stripped from the vinyl floor, two coats of wax applied and buffed; area cordoned off for drying.",
    portalSummary: "Floors stripped and re-waxed.",
    billable: 0.5,
  },
  {
    title: "Cold room temperature check",
    minutes: 45,
    categories: ["food", "health"],
    summary:
      "Cold rooms checked: positive room at 3 °C, negative room at −19 °C; door seals and alarms tested.",
    portalSummary: "Cold room temperatures and alarms checked — all in range.",
    problem: "Door seal of the positive cold room is torn at the bottom corner.",
    followUp: "Replace the door seal of the positive cold room.",
    billable: 0.1,
  },
  {
    title: "Air filter replacement",
    minutes: 60,
    categories: ["office", "health", "school", "food"],
    summary: "Ventilation filters (G4 and F7) replaced on all units; pressure drop recorded in the logbook.",
    portalSummary: "Ventilation filters replaced.",
    billable: 0.3,
  },
  {
    title: "Pest control inspection",
    minutes: 60,
    categories: ["food", "residential", "industrial", "retail"],
    summary:
      "All bait stations inspected; no activity detected. Entry points around the loading door sealed.",
    portalSummary: "Pest control inspection done; no activity found.",
    problem: "Droppings found behind the dry-goods shelving; two stations consumed.",
    followUp: "Second pest-control visit in 10 days to check the new bait stations.",
    billable: 0.2,
  },
  {
    title: "Door and lock maintenance",
    minutes: 60,
    categories: ["office", "residential", "school", "retail", "home"],
    summary:
      "Door closers adjusted on the main entrance and fire doors; hinges lubricated, panic bars tested.",
    portalSummary: "Doors, closers and panic bars checked and adjusted.",
    problem: "The garage door motor struggles and stops halfway in cold weather.",
    followUp: "Quote and replace the garage door motor.",
    billable: 0.4,
  },
  {
    title: "Gutter and roof drain cleaning",
    minutes: 120,
    categories: ["residential", "school", "industrial", "home"],
    summary: "Gutters and roof drains cleared of leaves and moss; downpipes flushed and flowing freely.",
    portalSummary: "Gutters and roof drains cleaned.",
    billable: 0.5,
  },
];

export const FEMALE_FIRST_NAMES = [
  "Claire",
  "Élodie",
  "Julie",
  "Nathalie",
  "Isabelle",
  "Sandrine",
  "Aurélie",
  "Marion",
  "Céline",
  "Hélène",
  "Chloé",
  "Manon",
  "Amandine",
  "Valérie",
  "Florence",
  "Karima",
  "Laetitia",
  "Anne-Sophie",
] as const;

export const MALE_FIRST_NAMES = [
  "Marc",
  "Antoine",
  "Nicolas",
  "Pierre",
  "Olivier",
  "Stéphane",
  "Laurent",
  "Sébastien",
  "Romain",
  "Guillaume",
  "François",
  "Karim",
  "Yannick",
  "Vincent",
  "Bruno",
  "Damien",
  "Hugo",
  "Jean-Baptiste",
] as const;

export const LAST_NAMES = [
  "Martin",
  "Bernard",
  "Laurent",
  "Perrin",
  "Garnier",
  "Fontaine",
  "Rousseau",
  "Blanc",
  "Guérin",
  "Muller",
  "Henry",
  "Perrot",
  "Morel",
  "Fournier",
  "Dupont",
  "Lambert",
  "Mercier",
  "Blanchard",
  "Robin",
  "Masson",
  "Gauthier",
  "Brun",
  "Roux",
  "Leroy",
  "Bertrand",
  "Boyer",
  "Dumas",
  "Lacroix",
  "Vidal",
  "Arnaud",
  "Renaud",
  "Picard",
  "Moulin",
  "Barbier",
  "Collet",
  "Meunier",
  "Carré",
  "Brunet",
  "Charpentier",
  "Rivière",
] as const;

/** Contact roles by the kind of customer. */
export const CONTACT_ROLES: Record<SiteCategory, { main: string; site: string; department: string }> = {
  office: { main: "Facility manager", site: "Office manager", department: "General services" },
  retail: { main: "Regional operations manager", site: "Store manager", department: "Operations" },
  food: { main: "Head of operations", site: "Shop manager", department: "Operations" },
  health: { main: "Practice manager", site: "Site coordinator", department: "Administration" },
  school: { main: "Head of facilities", site: "Head teacher", department: "Facilities" },
  residential: { main: "Property manager", site: "Caretaker", department: "Property management" },
  home: { main: "Owner", site: "Neighbour (key holder)", department: "" },
  industrial: { main: "Site manager", site: "Warehouse supervisor", department: "Logistics" },
};

/** Access notes by kind of site; {person} becomes "Mme Laurent" or similar. Some sites have none. */
export const ACCESS_NOTES: Record<SiteCategory, readonly string[]> = {
  office: [
    "Badge at reception; ask for {person}. Service lift B to level -1.",
    "Sign in at the security desk with ID; visitors are escorted. Plant room on the roof via stairwell C.",
    "Reception on the 3rd floor; {person} hands over the technical room key against a signature.",
  ],
  retail: [
    "Staff entrance on the side street; ring 'Technique'. The shop stays open during work: no ladders in the aisles before 10:00.",
    "Mall service corridor behind unit 214; security badge from the mall PC at level 0. Ask for {person}.",
  ],
  food: [
    "Kitchen is busy 11:30–14:30; work outside service. Grease trap under the hatch in the back corridor.",
    "Cold rooms: wear the thermal jacket from the hook; never leave a door open more than two minutes.",
    "Bakers start at 4:00; come through the back door and ask {person} before touching any oven or proofer.",
  ],
  health: [
    "Open to patients: use the rear corridor, never the waiting room. Overshoes required in the sterile area (provided).",
    "Badge at reception; ask for {person}. Never enter consulting rooms with a red 'occupé' sign.",
  ],
  school: [
    "Children on site during school hours: check in at the office, wear the visitor vest, never leave tools unattended.",
    "Gate opens at 7:45; outside those hours call {person}. Boiler room under the playground, key on the red tag.",
  ],
  residential: [
    "Caretaker {person} lives on site, lodge on the ground floor; open 8:00–12:00 and 14:00–17:00.",
    "Gate digicode changes monthly — ask the dispatcher. Bin room at the back of the courtyard, key on the blue tag.",
    "Lift is for residents only; carry kit by the service stairs. Technical room at the end of the car park, level -1.",
  ],
  home: [
    "Key with the neighbour at no. 14 ({person}); alarm code in the dispatcher's safe. Dog in the garden — friendly.",
  ],
  industrial: [
    "Key box left of the loading door, code from the dispatcher. Alarm panel behind the door — 30 seconds to disarm.",
    "Safety shoes and high-visibility vest mandatory beyond the yellow line. Report to {person} at the goods-in office.",
  ],
};

export const PARKING_NOTES = [
  "Visitor spaces 12–14 behind the building; height limit 2.1 m.",
  "No parking on site. Public car park 200 m away; keep the ticket for expenses.",
  "Delivery bay at the rear is free before 7:30 and after 19:00; otherwise blue-zone spaces (disc required, 1 h 30).",
  "Underground car park level -2, contractor spaces (fob from security). Height limit 1.9 m — vans do not fit.",
  "Street parking only, paid zone (2 h maximum). Do not unload in the bus lane: fined.",
  "Large yard; park along the fence, never in front of the fire gate.",
  "Two spaces reserved for contractors in front of the loading dock; call the store manager if taken.",
  "Tram stop in front; with light kit, park at the Parc Relais and walk 5 minutes.",
] as const;

export const RETURN_REASONS = [
  "Please add the meter readings and a photo of the repaired part.",
  "The summary does not say whether the leak is fixed — please complete it.",
  "Billing note missing: were the two extra hours approved by the customer on site?",
  "Wrong result: the checklist shows two rooms not done, so this is partially completed.",
] as const;

export const PORTAL_MESSAGES = [
  "Thank you for giving us access. The next regular visit is already planned.",
  "Everything is in order. Please contact us if you notice anything unusual.",
  "Thank you for your patience during the work.",
] as const;

export const COMMENTS = [
  "Customer asked us to also look at the radiator in the meeting room; noted for the next visit.",
  "Site contact not present, key collected from the caretaker as agreed.",
  "Parts van arrived late, started 20 minutes behind schedule.",
  "Checked with the store manager before moving shelving.",
  "Photos of the plant room taken for the report.",
] as const;

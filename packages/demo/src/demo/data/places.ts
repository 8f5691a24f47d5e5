/**
 * Where the demo happens: the depot and real streets of greater Lyon (the names are real so the
 * map looks right; house numbers are drawn at random).
 */
import type { GeoPoint } from "@ordinavo/planning";

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

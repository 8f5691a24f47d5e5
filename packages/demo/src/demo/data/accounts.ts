/**
 * Who the demo is: the two tenants' slugs, the accounts people sign in with, and the demo
 * company's staff. Every name here is invented.
 */
import type { StaffRole } from "@ordinavo/domain/vocabulary";
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

/** The kinds of work the demo company does, with what its reports say about each. */
import type { SiteCategory } from "./customers";

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

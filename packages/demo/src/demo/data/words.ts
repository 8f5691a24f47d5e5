/** Names, roles and the short texts people write in the demo: notes, comments, messages. */
import type { SiteCategory } from "./customers";

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

import { randomInt } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const WORDS = [
  "amber",
  "birch",
  "cobalt",
  "delta",
  "ember",
  "fjord",
  "granite",
  "harbor",
  "indigo",
  "juniper",
  "kestrel",
  "lagoon",
  "meadow",
  "nimbus",
  "orchid",
  "pepper",
  "quartz",
  "raven",
  "saffron",
  "tundra",
  "umber",
  "violet",
  "willow",
  "yarrow",
  "zephyr",
  "cedar",
  "maple",
  "lumen",
  "otter",
  "plume",
];

/** A readable generated password: three words and two digits, about 46 bits. */
export function generateDemoPassword(): string {
  const pick = () => WORDS[randomInt(WORDS.length)];
  return `${pick()}-${pick()}-${pick()}-${randomInt(10, 100)}`;
}

/**
 * The demo password of a generated seed is kept beside the embedded database (readable by the
 * owner only), so a second `npm start` can print it again. A DEMO_PASSWORD given by the person is
 * never written anywhere.
 */
export function demoPasswordFile(dataDir: string) {
  const file = path.join(dataDir, "demo-password.txt");
  return {
    read: () => (existsSync(file) ? readFileSync(file, "utf8").trim() : undefined),
    write: (password: string) => {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, `${password}\n`, { mode: 0o600 });
      chmodSync(file, 0o600);
    },
  };
}

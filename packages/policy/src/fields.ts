// Property level: which fields of an object an actor receives (see fields/rules.ts for the rules
// and their reasons). Split by topic: the schema mirror (fields/columns.ts), the rules
// (fields/rules.ts), applying them (fields/project.ts), and which fields an author may write
// (writes.ts). Everything is re-exported here, so `./fields` stays the one import.

export * from "./fields/columns";
export * from "./fields/project";
export * from "./fields/rules";
export * from "./writes";

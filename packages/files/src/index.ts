export * from "./limits";
export type { FileStore } from "./store";

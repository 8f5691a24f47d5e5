export type { FileStore } from "./store";

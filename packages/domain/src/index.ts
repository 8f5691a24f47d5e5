export * from "./calendar";
export * from "./errors";
export * from "./inputs";
export * from "./labels";
export * from "./locale";
export * from "./machines";
export * from "./portal-status";
export * from "./vocabulary";

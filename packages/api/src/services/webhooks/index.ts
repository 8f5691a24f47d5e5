export * from "./deliveries";
export * from "./subscriptions";

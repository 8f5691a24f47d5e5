export * from "./form";
export * from "./nonce";
export * from "./shell";

export * from "./form";
export * from "./nonce";

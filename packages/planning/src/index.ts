// @ordinavo/planning: route arithmetic (travel estimates, stop order) and recurring visits
// (expanding a plan's rule, generating its appointments). The API and the jobs use it.
export * from "./generate";
export * from "./optimise";
export * from "./recurrence";
export * from "./travel";

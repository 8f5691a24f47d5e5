// @ordinavo/policy: who may do what (permissions), to which object (objects) and see which fields
// (fields). Pure functions over plain data; the server enforces them and the UI hides with them.
export * from "./actors";
export * from "./fields";
export * from "./objects";
export * from "./permissions";
export * from "./scopes";

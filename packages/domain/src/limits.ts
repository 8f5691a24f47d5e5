// Limits the browser checks too. Kept apart from the input schemas so that a page importing one
// number does not bring zod and every schema into its JavaScript.

export const passwordMinLength = 8;
export const passwordMaxLength = 128;

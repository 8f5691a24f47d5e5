import { describe, expect, it } from "vitest";
import { renameErrorFields } from "./filter-errors";

describe("filter refusals", () => {
  it("move to the form's own field names, array items included", () => {
    const renamed = renameErrorFields(
      {
        message: "Choose one of the listed kinds of entry",
        fields: {
          "groups.0": ["Choose one of the listed kinds of entry"],
          "groups.1": ["Choose one of the listed kinds of entry"],
          locationId: ["Choose one of this customer's locations"],
          to: ["The last day cannot be before the first day"],
        },
      },
      { locationId: "place", groups: "kind", after: "older" },
    );
    expect(renamed).toEqual({
      message: "Choose one of the listed kinds of entry",
      fields: {
        kind: ["Choose one of the listed kinds of entry"],
        place: ["Choose one of this customer's locations"],
        to: ["The last day cannot be before the first day"],
      },
    });
  });
});

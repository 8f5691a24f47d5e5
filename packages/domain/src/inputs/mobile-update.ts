import { z } from "zod";
import { appointmentStatuses, mobileUpdateKinds } from "../vocabulary";
import { choice, decimal, latitude, longitude, optionalText, planningInstant, reference } from "./fields";

const position = z.object(
  {
    latitude,
    longitude,
    accuracyMeters: decimal("Accuracy", 0, 10000).nullish(),
  },
  { error: "The position must have a latitude and a longitude" },
);

/** What an employee records on site. Updates are never edited, so there is no update input. */
export const ZCreateMobileUpdateInput = z
  .object({
    appointmentId: reference("Choose an appointment"),
    kind: choice(mobileUpdateKinds, "Choose what kind of update this is"),
    status: choice(appointmentStatuses, "Choose the new status").nullish(),
    body: optionalText("Text", 2000),
    position: position.nullish(),
    recordedAt: planningInstant("Enter when this was recorded, as a date and time"),
  })
  .superRefine((update, ctx) => {
    if (update.kind === "status_change" && update.status == null) {
      ctx.addIssue({ code: "custom", message: "Choose the new status", path: ["status"] });
    }
    if (update.kind !== "status_change" && update.status != null) {
      ctx.addIssue({ code: "custom", message: "Only a status change carries a status", path: ["status"] });
    }
    if (update.kind === "comment" && update.body == null) {
      ctx.addIssue({ code: "custom", message: "Write the comment", path: ["body"] });
    }
    if (update.kind === "problem_report" && update.body == null) {
      ctx.addIssue({ code: "custom", message: "Describe the problem", path: ["body"] });
    }
  });
export type CreateMobileUpdateInput = z.infer<typeof ZCreateMobileUpdateInput>;

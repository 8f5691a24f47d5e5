import { z } from "zod";
import { attachmentOwnerTypes } from "../vocabulary";
import { choice, reference } from "./fields";

export const maxAttachmentBytes = 25 * 1024 * 1024;

// C0 controls, DEL and C1 controls never belong in a file name.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/;

const fileName = z
  .string({ error: "Enter a file name" })
  .trim()
  .min(1, { error: "Enter a file name" })
  .max(255, { error: "File name must be at most 255 characters" })
  .refine((name) => !name.includes("/") && !name.includes("\\"), {
    error: "File name must not contain slashes",
  })
  .refine((name) => !controlCharacters.test(name), {
    error: "File name contains characters that are not allowed",
  })
  .refine((name) => !/^\.+$/.test(name), { error: "Enter a file name" });

const contentType = z
  .string({ error: "Enter the file type" })
  .trim()
  .toLowerCase()
  .max(255, { error: "File type must be at most 255 characters" })
  .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/, {
    error: 'Enter the file type as type/subtype, such as "image/jpeg"',
  });

/** What is known about a file before it is stored. */
export const ZAttachmentMetadataInput = z.object({
  fileName,
  contentType,
  sizeBytes: z
    .number({ error: "The file size must be a number of bytes" })
    .int({ error: "The file size must be a number of bytes" })
    .min(1, { error: "The file is empty" })
    .max(maxAttachmentBytes, { error: "The file is larger than 25 MB" }),
  checksumSha256: z
    .string({ error: "Enter the SHA-256 checksum" })
    .trim()
    .toLowerCase()
    .regex(/^[0-9a-f]{64}$/, { error: "The SHA-256 checksum must be 64 hexadecimal characters" }),
});
export type AttachmentMetadataInput = z.infer<typeof ZAttachmentMetadataInput>;

/** A file attached to a visit report, a mobile update, a target or a portal request. */
export const ZCreateAttachmentInput = ZAttachmentMetadataInput.extend({
  ownerType: choice(attachmentOwnerTypes, "Choose what the file belongs to"),
  ownerId: reference("Choose what the file belongs to"),
});
export type CreateAttachmentInput = z.infer<typeof ZCreateAttachmentInput>;

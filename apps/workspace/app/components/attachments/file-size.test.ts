import { describe, expect, it } from "vitest";
import { fileSize, refusalText, uploadStatusText } from "./file-size";

describe("upload outcomes, in words", () => {
  it("a plain post names the refused file, the kind of refusal and what was kept", () => {
    expect(uploadStatusText("too_large", { fileName: "scan.pdf", added: 2 })).toEqual({
      ok: false,
      text: "“scan.pdf” was not added. It is larger than one file may be. The 2 files before it were added.",
    });
    expect(uploadStatusText("type", { fileName: null, added: 1 }).text).toBe(
      "The file was not added. Files of this kind cannot be added. The file before it was added.",
    );
    expect(uploadStatusText("added", { fileName: null, added: 3 })).toEqual({
      ok: true,
      text: "3 files added.",
    });
    expect(uploadStatusText("not_allowed", { fileName: "x.png", added: 0 }).text).toBe(
      "Files can no longer be added or removed here.",
    );
  });

  it("a script's refusal keeps the route's sentence", () => {
    expect(refusalText(null, "Files can be at most 10 MB.", 0)).toBe("Files can be at most 10 MB.");
    expect(refusalText("b.png", "This image could not be read.", 1)).toBe(
      "“b.png” was not added. This image could not be read. The file before it was added.",
    );
  });

  it("sizes read as people say them", () => {
    expect(fileSize(900)).toBe("900 B");
    expect(fileSize(3.4 * 1024 * 1024)).toBe("3.4 MB");
  });
});

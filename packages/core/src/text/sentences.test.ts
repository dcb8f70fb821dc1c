import { describe, expect, it } from "vitest";
import { isHeading, splitSentences } from "./sentences";

describe("splitSentences", () => {
  it("skips headings and blank lines and splits paragraphs after standalone . ? !", () => {
    const lines = [
      " ",
      " = Homarus gammarus = ",
      " ",
      " Homarus gammarus is a lobster . It is closely related to H. americanus . Is it blue ? Yes ! ",
      " = = Life cycle = = ",
      " It grows to 0 @.@ 7 kg . Mating occurs in summer , mostly around the coast : ",
      "",
      " The end",
    ];
    expect(splitSentences(lines)).toEqual([
      "Homarus gammarus is a lobster .",
      "It is closely related to H. americanus .",
      "Is it blue ?",
      "Yes !",
      "It grows to 0 @.@ 7 kg .",
      "Mating occurs in summer , mostly around the coast :",
      "The end",
    ]);
  });

  it("recognises headings of every level and nothing else", () => {
    expect(isHeading(" = Title = ")).toBe(true);
    expect(isHeading(" = = = Sub section = = = ")).toBe(true);
    expect(isHeading(" a = b = c ")).toBe(false);
    expect(isHeading(" = ")).toBe(false);
  });
});

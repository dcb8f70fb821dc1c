import { describe, expect, it } from "vitest";
import { newer, newerEntries, SeqMarks, track, type Tracked } from "./live";

describe("tracked events", () => {
  it("shows an event only when it came after the query result", () => {
    let t: Tracked<string> | undefined;
    t = track(t, "a", "a1");
    const marks = new SeqMarks();
    const result = {};
    const since = marks.mark(result, t.seq);
    expect(newer(t, "a", since)).toBeUndefined();
    t = track(t, "b", "b1");
    t = track(t, "a", "a2");
    expect(newer(t, "a", since)).toBe("a2");
    expect(newerEntries(t, since)).toEqual([
      ["a", "a2"],
      ["b", "b1"],
    ]);
    // The same result keeps its mark; a fresh one starts after every event so far.
    expect(marks.mark(result, t.seq)).toBe(since);
    expect(newer(t, "a", marks.mark({}, t.seq))).toBeUndefined();
  });
});

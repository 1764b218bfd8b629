import { describe, expect, it } from "vitest";
import { closureTimelineSvg, type ClosureTimelineInput } from "./closure-timeline.js";

const input: ClosureTimelineInput = {
  lanes: [
    {
      label: "UNESCO daily <2021>",
      periods: [
        { firstDay: "2020-02-16", lastDay: "2020-03-15", kind: "open" },
        { firstDay: "2020-03-16", lastDay: "2020-06-30", kind: "closed" },
        { firstDay: "2020-07-01", lastDay: "2020-08-31", kind: "break" },
        { firstDay: "2020-09-01", lastDay: "2021-02-15", kind: "partial" },
      ],
      legend: [
        { kind: "open", label: "Fully open" },
        { kind: "partial", label: "Partially open" },
        { kind: "closed", label: "Closed due to COVID-19" },
        { kind: "break", label: "Academic break" },
      ],
    },
    {
      label: "OxCGRT C1",
      periods: [
        { firstDay: "2020-01-01", lastDay: "2020-03-10", kind: "open" },
        { firstDay: "2020-03-11", lastDay: "2020-03-20", kind: "open_recommended" },
        { firstDay: "2020-03-21", lastDay: "2020-12-31", kind: "closed", targeted: true },
      ],
      legend: [{ kind: "open_recommended", label: "Level 1" }],
    },
  ],
  from: "2020-01-01",
  to: "2022-05-16",
  title: "School closures & releases",
  description: "Two lanes",
  noDataLabel: "No data",
  targetedLabel: "Targeted",
  lang: "en",
  idPrefix: "tl",
};

describe("closure timeline SVG", () => {
  const svg = closureTimelineSvg(input);

  it("is a static, named image: role img with title and description, no style, script or link", () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="560" height="\d+" viewBox="0 0 560 \d+"/);
    expect(svg).toContain('role="img" aria-labelledby="tl-title" aria-describedby="tl-desc"');
    expect(svg).toContain('<title id="tl-title">School closures &amp; releases</title>');
    expect(svg).not.toMatch(/style=|<script|href=|<foreignObject/);
    expect(svg).toContain("UNESCO daily &lt;2021&gt;");
  });

  it("draws each status with its own pattern, not only a colour, and a legend per lane", () => {
    for (const id of ["tl-partial", "tl-break", "tl-open_recommended"]) expect(svg).toContain(`<pattern id="${id}"`);
    expect(svg).toContain('fill="url(#tl-partial)"');
    expect(svg).toContain('fill="url(#tl-break)"');
    for (const label of ["Fully open", "Academic break", "Level 1", "No data", "Targeted"]) expect(svg).toContain(`>${label}</text>`);
    // The targeted strip appears only in the lane that has targeted periods: one legend entry.
    expect(svg.match(/>Targeted<\/text>/g)).toHaveLength(1);
  });

  it("places days on a shared axis: the first lane starts 46 days after the axis, years are labelled", () => {
    const perDay = 560 / 867;
    expect(svg).toContain(`<rect x="${Math.round(46 * perDay * 10) / 10}" `);
    for (const year of ["2020", "2021", "2022"]) expect(svg).toContain(`>${year}</text>`);
  });

  it("is deterministic and small", () => {
    expect(closureTimelineSvg(input)).toBe(svg);
    expect(svg.length).toBeLessThan(6_000);
  });

  it("refuses an id prefix that could break out of an attribute", () => {
    expect(() => closureTimelineSvg({ ...input, idPrefix: 'x" onload="' })).toThrow(/idPrefix/);
  });
});

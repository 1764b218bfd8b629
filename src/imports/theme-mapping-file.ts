import { z } from "zod";
import { normalizeName } from "../domain/reference/names.js";
import type { ThemeMappings } from "../domain/recommendations/recommendation-rules.js";
import type { TagMapping } from "../domain/tagging/tag-model.js";
import { DEFAULT_RESOURCES_DIR, readResourceText } from "./resources-path.js";

// resources/taxonomies/theme-mappings.json: the reviewed concordance between UPR Info issues, newer UHRI theme
// labels, group labels and the UHRI legacy taxonomy (R15: "a mapping table between the two taxonomies").
const MappingFileSchema = z.object({
  version: z.string(),
  uprInfoIssues: z.record(z.string(), z.array(z.string().regex(/^[A-H]\d$/))),
  uhriLabels: z.record(z.string(), z.string().regex(/^[A-H]\d$/)),
  personLabels: z.record(z.string(), z.string()),
});

export function readThemeMappings(resourcesDir = DEFAULT_RESOURCES_DIR): ThemeMappings & { version: string } {
  const file = MappingFileSchema.parse(JSON.parse(readResourceText(resourcesDir, "taxonomies/theme-mappings.json")));
  return {
    version: file.version,
    uprInfoIssues: new Map(Object.entries(file.uprInfoIssues)),
    uhriLabels: new Map(Object.entries(file.uhriLabels).map(([label, code]) => [normalizeName(label), code])),
    personLabels: new Map(Object.entries(file.personLabels).map(([label, code]) => [normalizeName(label), code])),
  };
}

// resources/taxonomies/issue-sdg-mappings.json: UPR Info issue → SDG goals (editorial, see the file's source note).
const SdgMappingFileSchema = z.object({
  version: z.string(),
  uprInfoIssues: z.record(z.string(), z.array(z.number().int().min(1).max(17))),
});

/** What the tagging model freezes into itself: label → UHRI themes and label → SDG goals. */
export function readTagMapping(resourcesDir = DEFAULT_RESOURCES_DIR): TagMapping {
  const themes = readThemeMappings(resourcesDir);
  const sdgs = SdgMappingFileSchema.parse(JSON.parse(readResourceText(resourcesDir, "taxonomies/issue-sdg-mappings.json")));
  return {
    version: `themes ${themes.version}, SDGs ${sdgs.version}`,
    themesByLabel: Object.fromEntries(themes.uprInfoIssues),
    sdgGoalsByLabel: sdgs.uprInfoIssues,
  };
}

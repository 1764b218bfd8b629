import { z } from "zod";
import { normalizeName } from "../domain/reference/names.js";
import type { ThemeMappings } from "../domain/recommendations/recommendation-rules.js";
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

import type { ImportProblem, PledgeImportRow, RecommendationImportRow } from "../domain/recommendations/recommendation-schemas.js";
import { type CsvStreamOptions, type CsvStreamResult, streamCsvFile } from "./csv-stream.js";

// The UPR Info database export (upr-info.org; as published in the rochelleterman/uprs research repository):
// one row per recommendation and recommending State, "Accepted"/"Noted" responses, action categories 1–5 and
// pipe-separated issue labels. Cite UPR Info wherever these rows are shown.
const RECOMMENDATION_COLUMNS = ["id", "cycle", "session", "state_under_review", "recommendation", "recommending_state", "response", "issues"] as const;
const PLEDGE_COLUMNS = ["id", "cycle", "session", "state_under_review", "pledge", "type", "action_category", "issues"] as const;

type Options = Pick<CsvStreamOptions, "encoding" | "onProgress">;
type Parsed<T> = CsvStreamResult & { problems: ImportProblem[]; rows: T[] };

function int(value: string | undefined, line: number, field: string, problems: ImportProblem[], range: [number, number]): number | null {
  const v = (value ?? "").trim();
  if (v === "") return null;
  const n = Number(v);
  if (!Number.isInteger(n) || n < range[0] || n > range[1]) {
    problems.push({ line, field, message: `"${v}" is not a whole number from ${range[0]} to ${range[1]}` });
    return null;
  }
  return n;
}

const splitIssues = (v: string | undefined) =>
  (v ?? "")
    .split("|")
    .map((s) => s.trim())
    .filter(Boolean);

export async function parseUprInfoRecommendations(file: string, options: Options = {}): Promise<Parsed<RecommendationImportRow>> {
  const rows: RecommendationImportRow[] = [];
  const rowProblems: ImportProblem[] = [];
  const result = await streamCsvFile(
    file,
    { ...options, requiredColumns: RECOMMENDATION_COLUMNS, expected: `a UPR Info recommendations export (header ${RECOMMENDATION_COLUMNS.join(",")},…)` },
    ({ line, values: v }) => {
      const before = rowProblems.length;
      const text = (v.recommendation ?? "").trim();
      if (!(v.id ?? "").trim()) rowProblems.push({ line, field: "id", message: "is empty" });
      if (!text) rowProblems.push({ line, field: "recommendation", message: "is empty" });
      if (!(v.state_under_review ?? "").trim()) rowProblems.push({ line, field: "state_under_review", message: "is empty" });
      const cycle = int(v.cycle, line, "cycle", rowProblems, [1, 10]);
      const session = int(v.session, line, "session", rowProblems, [1, 200]);
      const actionCategory = int(v.action_category, line, "action_category", rowProblems, [1, 5]);
      if (rowProblems.length > before) return;
      const recommending = (v.recommending_state ?? "").trim();
      rows.push({
        line,
        sourceDataset: "upr-info",
        sourceKey: (v.id as string).trim(),
        mechanism: "upr",
        cycle,
        session,
        stateUnderReview: (v.state_under_review as string).trim(),
        recommendingStates: recommending ? [{ name: recommending, regionalGroup: (v.rs_regional_group ?? "").trim() || null }] : [],
        paragraph: null,
        documentSymbol: null,
        text,
        textLanguage: "en",
        positionWord: (v.response ?? "").trim() || null,
        positionSourceDocument: null,
        actionCategory,
        uprInfoIssues: splitIssues(v.issues),
        uhriThemes: [],
        groupsOfPersons: [],
        sdgGoals: [],
        sdgTargets: [],
      });
    },
  );
  return { ...result, problems: [...result.problems, ...rowProblems], rows };
}

export async function parseUprInfoPledges(file: string, options: Options = {}): Promise<Parsed<PledgeImportRow>> {
  const rows: PledgeImportRow[] = [];
  const rowProblems: ImportProblem[] = [];
  const result = await streamCsvFile(
    file,
    { ...options, requiredColumns: PLEDGE_COLUMNS, expected: `a UPR Info voluntary pledges export (header ${PLEDGE_COLUMNS.join(",")},…)` },
    ({ line, values: v }) => {
      const before = rowProblems.length;
      const text = (v.pledge ?? "").trim();
      if (!text) rowProblems.push({ line, field: "pledge", message: "is empty" });
      if (!(v.state_under_review ?? "").trim()) rowProblems.push({ line, field: "state_under_review", message: "is empty" });
      const cycle = int(v.cycle, line, "cycle", rowProblems, [1, 10]);
      const session = int(v.session, line, "session", rowProblems, [1, 200]);
      const actionCategory = int(v.action_category, line, "action_category", rowProblems, [1, 5]);
      if (rowProblems.length > before) return;
      rows.push({
        line,
        sourceKey: (v.id ?? "").trim(),
        cycle,
        session,
        stateUnderReview: (v.state_under_review as string).trim(),
        text,
        textLanguage: "en",
        pledgeType: (v.type ?? "").trim() || null,
        actionCategory,
        issues: splitIssues(v.issues),
      });
    },
  );
  return { ...result, problems: [...result.problems, ...rowProblems], rows };
}

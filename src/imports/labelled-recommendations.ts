import { AppError } from "../domain/core/app-error.js";
import type { LabelledText } from "../domain/tagging/model-training.js";
import { streamCsvFile } from "./csv-stream.js";

// Recommendations with their UPR Info issue labels, for training and evaluating the tagging model: any CSV with the
// UPR Info header (…,recommendation,…,issues; `session` when present). Labels are pipe-separated, as UPR Info
// exports them; semicolons are read as separators too (no label contains one).
const REQUIRED = ["recommendation", "issues"] as const;

export interface LabelledFile {
  rows: LabelledText[];
  /** Rows left out, with why (empty text or no label): counted, never guessed. */
  skipped: { line: number; reason: string }[];
  hasSession: boolean;
}

export async function readLabelledRecommendations(file: string, onProgress?: (done: number, total: number) => void): Promise<LabelledFile> {
  const rows: LabelledText[] = [];
  const skipped: LabelledFile["skipped"] = [];
  const bad: { line: number; field: string; message: string }[] = [];
  const result = await streamCsvFile(
    file,
    { requiredColumns: REQUIRED, expected: "a UPR Info recommendations file (header …,recommendation,…,issues)", onProgress },
    ({ line, values }) => {
      const text = (values.recommendation ?? "").trim();
      const labels = [
        ...new Set(
          (values.issues ?? "")
            .split(/[|;]/)
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ];
      const rawSession = (values.session ?? "").trim();
      const session = rawSession === "" ? null : Number(rawSession);
      if (session !== null && !Number.isInteger(session)) {
        bad.push({ line, field: "session", message: `"${rawSession}" is not a whole number` });
        return;
      }
      if (!text) skipped.push({ line, reason: "empty recommendation" });
      else if (!labels.length) skipped.push({ line, reason: "no issue label" });
      else rows.push({ text, labels, session });
    },
  );
  const problems = [...result.problems, ...bad];
  if (problems.length) {
    throw new AppError(
      "invalid_input",
      `${file}: ${problems.length} problem(s); first: line ${problems[0]?.line ?? "?"}, ${problems[0]?.field ?? "file"}: ${problems[0]?.message}`,
      problems.map((p) => ({ field: p.field ?? "file", message: p.message, line: p.line ?? undefined })),
    );
  }
  return { rows, skipped, hasSession: result.header.includes("session") };
}

import { createHash } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { actorFor } from "../../domain/access/acting-for.js";
import type { Viewer } from "../../domain/access/viewer.js";
import { AppError, type FieldProblem } from "../../domain/core/app-error.js";
import { importRecommendations } from "../../domain/recommendations/recommendation-import-service.js";
import { resolveCountryName } from "../../domain/reference/reference-service.js";
import { storeSuggestions } from "../../domain/tagging/tag-review-service.js";
import { defaultTagModel } from "../../imports/tag-model-file.js";
import { parseUhriFile } from "../../imports/uhri-thematic-list.js";
import type { Db } from "../../store/db.js";
import type { ImportOutcome, ReviewFilters } from "./tag-review-pages.js";

// The web twin of `passerelle import uhri FILE` followed by batch tagging (issue 7 items 2 and 3): an OHCHR officer
// uploads a thematic list, every row is checked and the file is imported all or nothing, then the model's suggestions
// for its recommendations are stored for review.

/** Thematic lists are a few hundred kilobytes (Slovenia, cycle 3: 60 kB); 10 MB leaves room and bounds memory. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export type Upload = { fileName: string; data: Buffer };
/** The multipart body as the route sees it once read: plain fields (the CSRF token among them) and the one file. */
export type UploadBody = { fields: Record<string, string>; _csrf?: string; file: Upload | null; tooLarge: boolean };

/** OHCHR keeps the Universal Human Rights Index and its thematic lists: its officers import them. */
export function mayImportThematicList(viewer: Viewer): boolean {
  return viewer.userId !== null && viewer.memberships.some((m) => m.role === "ohchr_officer");
}

export function assertMayImport(viewer: Viewer): void {
  if (!viewer.userId) throw new AppError("unauthenticated", "Sign in to import a thematic list");
  if (!mayImportThematicList(viewer)) throw new AppError("forbidden", "Only OHCHR officers import thematic lists");
}

/**
 * preValidation of the upload route: reads the multipart body (one file, 10 MB at most, a few fields) into
 * `request.body`, so that the CSRF check that follows finds the form's hidden `_csrf` field as on every other form.
 * Nothing is written before that check. A file over the limit is remembered, not thrown, to answer with the form.
 */
export async function readUpload(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return;
  const body: UploadBody = { fields: {}, file: null, tooLarge: false };
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 10_000 } })) {
      if (part.type === "file") {
        const data = await part.toBuffer();
        if (part.fieldname === "file" && part.filename) body.file = { fileName: part.filename, data };
      } else if (typeof part.value === "string") {
        body.fields[part.fieldname] = part.value;
      }
    }
  } catch (e) {
    if ((e as { code?: string }).code !== "FST_REQ_FILE_TOO_LARGE") throw e;
    body.tooLarge = true;
  }
  if (body.fields._csrf) body._csrf = body.fields._csrf;
  request.body = body;
}

export type ImportResult = { ok: false; file: string; problems: FieldProblem[] } | { ok: true; outcome: ImportOutcome; filters: ReviewFilters };

/** Parses, validates and imports the file (all or nothing), then stores the model's suggestions for its rows. */
export async function importThematicList(db: Db, viewer: Viewer, upload: Upload): Promise<ImportResult> {
  const actor = actorFor(viewer, "Sign in to import a thematic list");
  const parsed = parseUhriFile(new Uint8Array(upload.data), upload.fileName);
  const fileSha256 = createHash("sha256").update(upload.data).digest("hex");
  const report = await importRecommendations(db, actor, parsed, { dryRun: false, fileName: upload.fileName, fileSha256 });
  if (report.errors.length > 0) {
    return { ok: false, file: upload.fileName, problems: report.errors.map((p) => ({ field: p.field, message: p.message, line: p.line })) };
  }
  // Ids as the import service gives them (`<source>:<source's key>`): every row of the file, also unchanged ones,
  // so a list imported before tagging existed gets its suggestions too.
  const subjects = parsed.rows.map((r) => ({ kind: "recommendation" as const, id: `${r.sourceDataset}:${r.sourceKey}`, text: r.text }));
  const stored = await storeSuggestions(db, actor, defaultTagModel(), subjects);
  return {
    ok: true,
    outcome: {
      file: upload.fileName,
      imported: report.imported,
      updated: report.updated,
      unchanged: report.unchanged,
      suggestions: stored.suggestions,
      skipped: stored.skipped.length,
    },
    filters: await filtersOfImport(db, parsed.rows),
  };
}

/** The review queue narrowed to the file: its State and, when the file holds one review, its session. */
async function filtersOfImport(db: Db, rows: { stateUnderReview: string; session: number | null }[]): Promise<ReviewFilters> {
  const names = [...new Set(rows.map((r) => r.stateUnderReview))];
  const sessions = [...new Set(rows.map((r) => r.session))];
  const state = names.length === 1 && names[0] ? await resolveCountryName(db, names[0]) : null;
  return {
    state: state?.status === "matched" ? state.iso3 : "",
    session: sessions.length === 1 && sessions[0] ? String(sessions[0]) : "",
    source: "uhri",
  };
}

/** The import outcome in the queue's query (see ImportOutcome), and read back from it. */
export function outcomeParams(outcome: ImportOutcome): Record<string, string> {
  return {
    file: outcome.file,
    imported: String(outcome.imported),
    updated: String(outcome.updated),
    unchanged: String(outcome.unchanged),
    suggestions: String(outcome.suggestions),
    skipped: String(outcome.skipped),
  };
}

export function outcomeOf(query: Record<string, string>): ImportOutcome | null {
  const n = (k: string) => (/^\d{1,7}$/.test(query[k] ?? "") ? Number(query[k]) : null);
  const [imported, updated, unchanged, suggestions, skipped] = ["imported", "updated", "unchanged", "suggestions", "skipped"].map(n);
  const file = query.file ?? "";
  if (!file || file.length > 200 || imported == null || updated == null || unchanged == null || suggestions == null || skipped == null) return null;
  return { file, imported, updated, unchanged, suggestions, skipped };
}

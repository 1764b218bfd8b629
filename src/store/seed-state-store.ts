import type { Db } from "./db.js";

// Small reads that tell the demo seed what it already did (each seed step runs once per database).

/** How many activities are withheld by their State, or were imported from an IATI file. */
export async function countActivitiesOfKind(db: Db, kind: "withheld" | "imported"): Promise<number> {
  const q = db.selectFrom("activities").select((eb) => eb.fn.countAll<string>().as("n"));
  const r = await (kind === "withheld" ? q.where("details_withheld", "=", true) : q.where("source", "=", "iati_import")).executeTakeFirstOrThrow();
  return Number(r.n);
}

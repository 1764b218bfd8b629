import type { Db } from "./db.js";

// Small reads that tell the demo seed what it already did (each seed step runs once per database).

export async function countWithheldActivities(db: Db): Promise<number> {
  const r = await db
    .selectFrom("activities")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("details_withheld", "=", true)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countImportedActivities(db: Db): Promise<number> {
  const r = await db
    .selectFrom("activities")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("source", "=", "iati_import")
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

import { readDataStamp } from "../../store/data-stamp-store.js";
import type { Db } from "../../store/db.js";

/** The version of everything the platform publishes: part of every public download's ETag. */
export function currentDataStamp(db: Db): Promise<string> {
  return readDataStamp(db);
}

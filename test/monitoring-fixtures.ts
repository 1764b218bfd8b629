import type { Role } from "../src/domain/access/roles.js";
import { ANONYMOUS, type Viewer } from "../src/domain/access/viewer.js";
import { AppError } from "../src/domain/core/app-error.js";
import type { Db } from "../src/store/db.js";
import { makeUserWithRole } from "./factories.js";

// The cast of the monitoring tests (mechanisms and indicator series, R25–R27): Senegal's focal point and NMIRF, a
// focal point of another State, UN staff, the fund secretariat, Senegal's NHRI and a CSO, a donor, an administrator,
// and an anonymous visitor.

/** Keyed by name; the tests' role tables index it by string. */
export type MonitoringCast = Record<string, Viewer>;

export async function makeMonitoringCast(db: Db): Promise<MonitoringCast> {
  const viewer = async (role: Role, org: Parameters<typeof makeUserWithRole>[2]) => (await makeUserWithRole(db, role, org)).viewer;
  return {
    senegalFocalPoint: await viewer("state_focal_point", { type: "government", countryIso3: "SEN" }),
    senegalNmirf: await viewer("nmirf", { type: "government", countryIso3: "SEN" }),
    maliFocalPoint: await viewer("state_focal_point", { type: "government", countryIso3: "MLI" }),
    ohchrOfficer: await viewer("ohchr_officer", { type: "un_entity" }),
    unescoOfficer: await viewer("un_agency_officer", { type: "un_entity" }),
    fundSecretariat: await viewer("fund_secretariat", { type: "un_entity" }),
    nhri: await viewer("nhri", { type: "nhri", countryIso3: "SEN" }),
    cso: await viewer("cso", { type: "cso", countryIso3: "SEN" }),
    donor: await viewer("donor", { type: "government", countryIso3: "NOR" }),
    admin: await viewer("admin", { type: "un_entity" }),
    anonymous: ANONYMOUS,
  };
}

/** The AppError a promise rejects with; fails the test when it resolves or rejects with anything else. */
export async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

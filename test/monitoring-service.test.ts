import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS, type Viewer } from "../src/domain/access/viewer.js";
import {
  addMechanism,
  editMechanism,
  getMechanism,
  listMechanismRegistry,
  listStateMechanisms,
  removeMechanism,
} from "../src/domain/education/monitoring-service.js";
import type { NewMechanism } from "../src/domain/education/monitoring-schemas.js";
import type { DbHandle } from "../src/store/db.js";
import { createTestDb } from "./db-harness.js";
import { type MonitoringCast, makeMonitoringCast, refusal } from "./monitoring-fixtures.js";

// The registry of national monitoring mechanisms (res. 45/32 PP10; R25, R26): who may write, role by role; audited
// writes; optimistic locking; aggregates only for children's participation.

let handle: DbHandle;
let v: MonitoringCast;

const mechanism = (overrides: Partial<NewMechanism> = {}): NewMechanism => ({
  name: "School closure monitoring",
  kind: "ministry_emis",
  leadInstitution: "Ministry of Education",
  monitors: ["school_closures", "attendance"],
  frequency: "weekly",
  childrenParticipation: "consulted",
  consultationsCount: "4",
  childrenConsulted: "120",
  girlsConsulted: "64",
  ageBands: ["12-14", "6-11"],
  safeguards: "Parental consent and the child's assent; no names recorded.",
  keyMessages: "Radio lessons were hard to follow without a radio at home.",
  ...overrides,
});

beforeAll(async () => {
  handle = await createTestDb();
  v = await makeMonitoringCast(handle.db);
});
afterAll(async () => {
  await handle.close();
});

// Who may add a mechanism about Senegal: the State's own roles and UN staff; nobody else.
const MAY_ADD: Record<string, "yes" | "forbidden" | "unauthenticated"> = {
  senegalFocalPoint: "yes",
  senegalNmirf: "yes",
  maliFocalPoint: "forbidden",
  ohchrOfficer: "yes",
  unescoOfficer: "yes",
  fundSecretariat: "forbidden",
  nhri: "forbidden",
  cso: "forbidden",
  donor: "forbidden",
  admin: "forbidden",
  anonymous: "unauthenticated",
};

describe("who may record a mechanism", () => {
  it.each(Object.entries(MAY_ADD))("%s: %s", async (name, expected) => {
    const attempt = addMechanism(handle.db, v[name] as Viewer, "SEN", mechanism({ name: `Mechanism by ${name}` }));
    if (expected === "yes") {
      const saved = await attempt;
      expect(saved.version).toBe(1);
      const m = await getMechanism(handle.db, v[name] as Viewer, "SEN", saved.id);
      expect(m).toMatchObject({ name: `Mechanism by ${name}`, kind: "ministry_emis", childrenConsulted: 120, girlsConsulted: 64, ageBands: ["6-11", "12-14"] });
    } else {
      expect((await refusal(attempt)).code).toBe(expected);
    }
  });
});

// Who may edit a record, by who recorded it: the State edits every record about it; UN staff only their own.
describe("who may edit", () => {
  const EDIT: [recordedBy: string, editor: string, expected: "yes" | "forbidden" | "not_found"][] = [
    ["senegalFocalPoint", "senegalFocalPoint", "yes"],
    ["senegalFocalPoint", "senegalNmirf", "yes"],
    ["senegalFocalPoint", "ohchrOfficer", "forbidden"],
    ["senegalFocalPoint", "maliFocalPoint", "forbidden"],
    ["ohchrOfficer", "ohchrOfficer", "yes"],
    ["ohchrOfficer", "unescoOfficer", "forbidden"],
    ["ohchrOfficer", "senegalFocalPoint", "yes"],
  ];
  it.each(EDIT)("recorded by %s, edited by %s: %s", async (author, editor, expected) => {
    const saved = await addMechanism(handle.db, v[author] as Viewer, "SEN", mechanism({ name: `Edit test ${author} ${editor}` }));
    const attempt = editMechanism(handle.db, v[editor] as Viewer, "SEN", saved.id, { ...mechanism({ name: "Renamed mechanism" }), version: saved.version });
    if (expected === "yes") expect((await attempt).version).toBe(2);
    else expect((await refusal(attempt)).code).toBe(expected);
  });

  it("does not reveal a record the editor cannot see", async () => {
    const hidden = await addMechanism(handle.db, v.ohchrOfficer as Viewer, "SEN", mechanism({ name: "UN-only notes", visibility: "un_only" }));
    const e = await refusal(editMechanism(handle.db, v.senegalFocalPoint as Viewer, "SEN", hidden.id, { ...mechanism(), version: 1 }));
    expect(e.code).toBe("not_found");
  });
});

describe("optimistic locking and audit", () => {
  it("refuses a stale edit with a clear message and keeps the colleague's change", async () => {
    const saved = await addMechanism(handle.db, v.senegalFocalPoint as Viewer, "SEN", mechanism({ name: "Locking test" }));
    await editMechanism(handle.db, v.senegalNmirf as Viewer, "SEN", saved.id, { ...mechanism({ name: "NMIRF's name" }), version: 1 });
    const e = await refusal(
      editMechanism(handle.db, v.senegalFocalPoint as Viewer, "SEN", saved.id, { ...mechanism({ name: "Focal point's name" }), version: 1 }),
    );
    expect(e.code).toBe("conflict");
    expect(e.message).toMatch(/changed by someone else since you opened it \(version 2, yours 1\)/);
    expect((await getMechanism(handle.db, v.senegalFocalPoint as Viewer, "SEN", saved.id)).name).toBe("NMIRF's name");
  });

  it("audits create, update and delete, and a delete needs the current version", async () => {
    const saved = await addMechanism(handle.db, v.senegalFocalPoint as Viewer, "SEN", mechanism({ name: "Audit test" }));
    await editMechanism(handle.db, v.senegalFocalPoint as Viewer, "SEN", saved.id, { ...mechanism({ name: "Audit test", frequency: "monthly" }), version: 1 });
    expect((await refusal(removeMechanism(handle.db, v.senegalFocalPoint as Viewer, "SEN", saved.id, { version: 1 }))).code).toBe("conflict");
    await removeMechanism(handle.db, v.senegalFocalPoint as Viewer, "SEN", saved.id, { version: 2 });
    expect((await refusal(getMechanism(handle.db, v.senegalFocalPoint as Viewer, "SEN", saved.id))).code).toBe("not_found");
    const events = await handle.db.selectFrom("audit_events").select(["action", "details"]).where("entity_id", "=", saved.id).orderBy("seq").execute();
    expect(events.map((e) => e.action)).toEqual(["monitoring.mechanism.create", "monitoring.mechanism.update", "monitoring.mechanism.delete"]);
    expect(events[1]?.details).toMatchObject({ changed: ["frequency"], version: 2 });
  });
});

describe("validation and children's data (R26)", () => {
  it("names every field at fault", async () => {
    const e = await refusal(
      addMechanism(
        handle.db,
        v.senegalFocalPoint as Viewer,
        "SEN",
        mechanism({ name: "x", monitors: [], frequency: "daily", url: "ftp://example.org", girlsConsulted: "130" }),
      ),
    );
    expect(e.code).toBe("invalid_input");
    const fields = Object.fromEntries(e.problems.map((p) => [p.field, p.message]));
    expect(fields).toMatchObject({
      name: "must be at least 3 characters",
      monitors: "choose at least one thing it monitors",
      frequency: "choose how often it reports",
      url: "must be a web address starting with https://",
    });
  });

  it("refuses more girls than children", async () => {
    const e = await refusal(addMechanism(handle.db, v.senegalFocalPoint as Viewer, "SEN", mechanism({ childrenConsulted: "50", girlsConsulted: "51" })));
    expect(e.problems).toEqual([{ field: "girlsConsulted", message: "must not be more than the number of children consulted" }]);
  });

  it("refuses personal fields outright and explains why", async () => {
    const input = { ...mechanism(), childName: "Aminata", dateOfBirth: "2012-04-01" } as NewMechanism;
    const e = await refusal(addMechanism(handle.db, v.senegalFocalPoint as Viewer, "SEN", input));
    expect(e.problems.map((p) => p.field)).toEqual(["childName", "dateOfBirth"]);
    expect(e.problems[0]?.message).toMatch(/personal data of children is never recorded \(R26\)/);
  });

  it.each([
    ["an e-mail address", "Write to aminata.d@example.org for more"],
    ["a telephone number", "Call +221 77 123 45 67"],
  ])("refuses key messages holding %s", async (_what, keyMessages) => {
    const e = await refusal(addMechanism(handle.db, v.senegalFocalPoint as Viewer, "SEN", mechanism({ keyMessages })));
    expect(e.problems[0]).toMatchObject({ field: "keyMessages" });
    expect(e.problems[0]?.message).toMatch(/recorded anonymised/);
  });

  it("records no consultation when children do not take part", async () => {
    const e = await refusal(addMechanism(handle.db, v.senegalFocalPoint as Viewer, "SEN", mechanism({ childrenParticipation: "none" })));
    expect(e.problems.map((p) => p.field).sort()).toEqual(["ageBands", "childrenConsulted", "consultationsCount", "keyMessages"]);
  });
});

describe("registry", () => {
  it("filters across States and counts States with a mechanism, as each viewer may see", async () => {
    await addMechanism(handle.db, v.maliFocalPoint as Viewer, "MLI", mechanism({ name: "Mali public", kind: "statistics_office", monitors: ["dropout"] }));
    await addMechanism(handle.db, v.maliFocalPoint as Viewer, "MLI", mechanism({ name: "Mali shared", kind: "nhri", visibility: "state_and_un" }));
    const anonymous = await listMechanismRegistry(handle.db, ANONYMOUS, { state: "MLI" });
    expect(anonymous.items.map((m) => m.name)).toEqual(["Mali public"]);
    const un = await listMechanismRegistry(handle.db, v.ohchrOfficer as Viewer, { state: "MLI" });
    expect(un.items.map((m) => m.name)).toEqual(["Mali public", "Mali shared"]);
    expect((await listMechanismRegistry(handle.db, ANONYMOUS, { monitors: "dropout" })).items.map((m) => m.name)).toEqual(["Mali public"]);
    expect((await listMechanismRegistry(handle.db, ANONYMOUS, { kind: "statistics_office" })).statesWithMechanism).toBe(1);
    const all = await listMechanismRegistry(handle.db, ANONYMOUS, {});
    expect(all.statesAll).toBe(2);
    expect(all.statesWithMechanism).toBe(2);
    expect((await listMechanismRegistry(handle.db, ANONYMOUS, { participation: "co_led" })).total).toBe(0);
    expect((await listStateMechanisms(handle.db, ANONYMOUS, "MLI")).map((m) => m.name)).toEqual(["Mali public"]);
  });
});

import type { Db } from "../../store/db.js";
import { countVisibleMonitoring } from "../../store/indicator-store.js";
import type { ViewerScope } from "../access/viewer.js";
import { addSeries, setIndicatorValue } from "../education/indicator-service.js";
import { addMechanism } from "../education/monitoring-service.js";
import { FICTIONAL, viewerOf } from "./demo-cooperation.js";

// Fictional national monitoring of education for the demo (res. 45/32 PP10; R25, R26, R27): no public registry of
// national monitoring mechanisms exists, so these are invented, marked fictional in every text, and recorded through
// the same services and rules as users' entries (audited, aggregates only for children's participation). The
// institutions are real (Senegal's Ministry of Education, the CSDH); what they are said to monitor is not.

export type MonitoringSeedReport = { status: "seeded" | "unchanged"; mechanisms: number; series: number; values: number };

const NOTE = `${FICTIONAL}`;

/** Seeds Senegal's fictional monitoring once, after the demo accounts; a second run changes nothing. */
export async function seedDemoMonitoring(db: Db, options: { onProgress?: (step: string) => void } = {}): Promise<MonitoringSeedReport> {
  // Anything already recorded for Senegal (by the seed or by a user) means there is nothing to add. Counted with the
  // widest reading scope short of an originator's, so shared records count too.
  const everything: ViewerScope = { stateIso3s: ["SEN"], isUn: true, organizationIds: [], isAdmin: false };
  const existing = await countVisibleMonitoring(db, everything, "SEN");
  if (existing.mechanisms + existing.series > 0) return { status: "unchanged", mechanisms: 0, series: 0, values: 0 };
  options.onProgress?.(`creating fictional monitoring examples for Senegal`);
  const focal = await viewerOf(db, "focal.senegal@demo.passerelle.example");
  const ohchrOfficer = await viewerOf(db, "officer.ohchr@demo.passerelle.example");

  const emis = await addMechanism(db, focal, "SEN", {
    name: `School closure and return-to-school monitoring ${FICTIONAL}`,
    kind: "ministry_emis",
    leadInstitution: "Ministère de l'Éducation nationale (Sénégal)",
    monitors: ["school_closures", "attendance", "dropout", "remote_learning", "reopening", "girls_education"],
    frequency: "monthly",
    description: `Monthly returns from school inspectorates on closures, attendance and learners who did not come back, by sex, with the radio and television lessons offered. ${FICTIONAL}`,
    childrenParticipation: "consulted",
    consultationsCount: 6,
    childrenConsulted: 180,
    girlsConsulted: 96,
    ageBands: ["6-11", "12-14", "15-17"],
    safeguards: `Group discussions in six regions led by trained facilitators; written consent of parents and each child's own assent; no names, photographs or school names recorded. ${FICTIONAL}`,
    keyMessages: `Radio lessons were hard to follow without a radio at home; girls asked for lessons at times when they are not doing housework; many asked for catch-up classes before the exams. ${FICTIONAL}`,
    sdgTargets: ["4.1", "4.5"],
    visibility: "public",
  });

  await addMechanism(db, ohchrOfficer, "SEN", {
    name: `CSDH monitoring of the right to education during closures ${FICTIONAL}`,
    kind: "nhri",
    leadInstitution: "Comité sénégalais des droits de l'homme (CSDH)",
    monitors: ["school_closures", "safety_protection", "inclusion_disability", "girls_education"],
    frequency: "quarterly",
    description: `Quarterly visits and complaints follow-up on children's access to education during and after closures, reported to the Human Rights Council's UPR. Recorded by OHCHR with the CSDH's agreement. ${FICTIONAL}`,
    childrenParticipation: "informed",
    sdgTargets: ["4.5", "4.a"],
    visibility: "public",
  });

  let values = 0;
  const completion = await addSeries(db, focal, "SEN", {
    title: `Completion rate, primary education ${FICTIONAL}`,
    sdgIndicator: "4.1.2",
    unit: "percent",
    source: `Ministère de l'Éducation nationale, annual statistics ${FICTIONAL}`,
    mechanismId: emis.id,
    baselineYear: 2019,
    baselineValue: "61.5",
    targetYear: 2030,
    targetValue: "90",
    visibility: "public",
  });
  let version = completion.version;
  const rates: [number, string, string, string][] = [
    [2019, "61.5", "65.1", "58.0"],
    [2020, "59.2", "62.4", "56.1"],
    [2021, "60.4", "64.0", "56.9"],
    [2022, "62.8", "66.9", "58.8"],
  ];
  for (const [year, total, female, male] of rates) {
    for (const [sex, value] of [
      ["total", total],
      ["female", female],
      ["male", male],
    ] as const) {
      version = (await setIndicatorValue(db, focal, "SEN", completion.id, { year, sex, value, note: NOTE, version })).version;
      values++;
    }
  }

  const radio = await addSeries(db, focal, "SEN", {
    title: `Learners reached by radio lessons ${FICTIONAL}`,
    unit: "number",
    source: `Ministère de l'Éducation nationale, programme reports ${FICTIONAL}`,
    mechanismId: emis.id,
    baselineYear: 2020,
    baselineValue: "350000",
    targetYear: 2024,
    targetValue: "1200000",
    visibility: "public",
  });
  version = radio.version;
  const reached: [number, string, string, string][] = [
    [2020, "350000", "168000", "182000"],
    [2021, "720000", "352000", "368000"],
    [2022, "910000", "451000", "459000"],
  ];
  for (const [year, total, female, male] of reached) {
    for (const [sex, value] of [
      ["total", total],
      ["female", female],
      ["male", male],
    ] as const) {
      version = (await setIndicatorValue(db, focal, "SEN", radio.id, { year, sex, value, note: NOTE, version })).version;
      values++;
    }
  }
  return { status: "seeded", mechanisms: 2, series: 2, values };
}

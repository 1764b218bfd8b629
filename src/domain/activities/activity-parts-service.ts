import { findParticipant, insertParticipant } from "../../store/activity-link-store.js";
import { insertActivityNationalActor, insertDocument } from "../../store/activity-results-store.js";
import { findActivityRow, findOrganizationBasics, lockActivity } from "../../store/activity-store.js";
import type { Db } from "../../store/db.js";
import type { OrganizationType } from "../access/roles.js";
import type { Viewer } from "../access/viewer.js";
import { runAudited } from "../audit/audit-service.js";
import { AppError, notFound } from "../core/app-error.js";
import { parseInput } from "../core/validate.js";
import { TAXONOMY } from "./activity-codes.js";
import { checkCodes, Problems } from "./activity-checks.js";
import { iatiOrganisationTypeOf, requireProvider, requireProviderOrState, requireSignedIn } from "./activity-permissions.js";
import {
  type DocumentInput,
  DocumentSchema,
  type NationalActorInput,
  NationalActorSchema,
  type ParticipantInput,
  ParticipantSchema,
} from "./activity-schemas.js";
import { todayIso } from "./consent-rules.js";

// The other parts of an activity record: participating organizations with their IATI roles (R6), documents
// (R5: evaluation reports attached), and the national actors involved by type (R8; res. 45/32 OP5).

const actorOf = (viewer: Viewer, userId: string) => ({ userId, label: viewer.displayName ?? userId });

async function findActivity(db: Db, activityId: string) {
  const activity = await findActivityRow(db, activityId);
  if (!activity) throw notFound("Activity", activityId);
  return activity;
}

/** A participating organization: a known organization, or one named with its IATI identifier. */
export async function addParticipant(db: Db, viewer: Viewer, activityId: string, input: ParticipantInput): Promise<{ id: string }> {
  const userId = requireSignedIn(viewer);
  const q = parseInput(ParticipantSchema, input);
  requireProvider(viewer, await findActivity(db, activityId));
  const known = q.organizationId ? await findOrganizationBasics(db, q.organizationId) : undefined;
  if (q.organizationId && !known) throw new AppError("invalid_input", "The input is not valid", [{ field: "organizationId", message: "unknown organization" }]);
  const name = known?.name ?? q.name;
  if (!name) throw new AppError("invalid_input", "The input is not valid", [{ field: "name", message: "choose a known organization or give its name" }]);
  const participant = {
    activityId,
    organizationId: known?.id ?? null,
    name,
    iatiRef: known?.iatiRef ?? q.iatiRef,
    orgType: known ? iatiOrganisationTypeOf(known.type as OrganizationType) : q.orgType,
    role: q.role,
  };
  if (await findParticipant(db, activityId, participant.organizationId, name, q.role))
    throw new AppError("conflict", `${name} already takes part in this activity in that role`, [{ field: "role", message: "already recorded" }]);
  return runAudited(db, actorOf(viewer, userId), async (w) => {
    await lockActivity(w.trx, activityId);
    const created = await insertParticipant(w.trx, participant);
    await w.audit({
      action: "activity.participant.add",
      entityType: "activity",
      entityId: activityId,
      details: { participantId: created.id, organizationId: participant.organizationId, name, role: q.role },
    });
    return created;
  });
}

export async function addDocument(db: Db, viewer: Viewer, activityId: string, input: DocumentInput): Promise<{ id: string }> {
  const userId = requireSignedIn(viewer);
  const d = parseInput(DocumentSchema, input);
  requireProvider(viewer, await findActivity(db, activityId));
  const p = new Problems();
  await checkCodes(db, p, "category", TAXONOMY.documentCategory, [d.category], "IATI DocumentCategory code");
  if (d.documentDate && d.documentDate > todayIso()) p.add("documentDate", "must not be in the future");
  p.throwIfAny();
  return runAudited(db, actorOf(viewer, userId), async (w) => {
    await lockActivity(w.trx, activityId);
    const created = await insertDocument(w.trx, {
      activityId,
      title: d.title,
      url: d.url,
      category: d.category,
      language: d.language,
      documentDate: d.documentDate,
    });
    await w.audit({
      action: "activity.document.add",
      entityType: "activity",
      entityId: activityId,
      details: { documentId: created.id, title: d.title, url: d.url, category: d.category },
    });
    return created;
  });
}

/** A national actor involved (R8); its name is published only if it agreed (names are hidden otherwise). */
export async function addNationalActor(db: Db, viewer: Viewer, activityId: string, input: NationalActorInput): Promise<{ id: string }> {
  const userId = requireSignedIn(viewer);
  const n = parseInput(NationalActorSchema, input);
  requireProviderOrState(viewer, await findActivity(db, activityId));
  if (n.nameConsented && !n.name)
    throw new AppError("invalid_input", "The input is not valid", [{ field: "name", message: "give the name the actor agreed to publish" }]);
  return runAudited(db, actorOf(viewer, userId), async (w) => {
    await lockActivity(w.trx, activityId);
    const created = await insertActivityNationalActor(w.trx, {
      activityId,
      actorType: n.actorType,
      involvement: n.involvement,
      name: n.name,
      nameConsented: n.nameConsented,
    });
    // The audit keeps the fact, not the name: the audit trail is readable by more people than the State and provider.
    await w.audit({
      action: "activity.national_actor.add",
      entityType: "activity",
      entityId: activityId,
      details: { nationalActorId: created.id, actorType: n.actorType, involvement: n.involvement, named: n.name !== null, nameConsented: n.nameConsented },
    });
    return created;
  });
}

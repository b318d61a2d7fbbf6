import { ChannelEntity } from '../modules/alerts/channel.entity.js';
import { DeliveryEntity } from '../modules/alerts/delivery.entity.js';
import { EscalationEntity } from '../modules/obligations/escalation.entity.js';
import { ObligationEntity } from '../modules/obligations/obligation.entity.js';
import { DocumentEntity } from '../modules/documents/document.entity.js';
import { AssessmentEntity, AssessmentOverrideEntity } from '../modules/assessment/assessment.entity.js';
import { IncidentEntity, IncidentReferenceCounterEntity } from '../modules/incidents/incident.entity.js';
import { TimelineEntryEntity } from '../modules/incidents/timeline-entry.entity.js';
import { AuditEntryEntity, AuditHeadEntity } from '../modules/audit/audit-entry.entity.js';
import { ApiTokenEntity, LoginFailureEntity, SessionEntity } from '../modules/auth/credential.entity.js';
import { UserEntity, UserOrganisationEntity } from '../modules/auth/user.entity.js';
import { OrganisationEntity } from '../modules/organisations/organisation.entity.js';

/** Every entity, listed explicitly (no globs: they do not survive ESM + bundling + Jest). */
export const ENTITIES = [OrganisationEntity, IncidentEntity, IncidentReferenceCounterEntity, TimelineEntryEntity, AssessmentEntity, AssessmentOverrideEntity, ObligationEntity, EscalationEntity, ChannelEntity, DeliveryEntity, DocumentEntity, UserEntity, UserOrganisationEntity, ApiTokenEntity, SessionEntity, LoginFailureEntity, AuditEntryEntity, AuditHeadEntity];

import { InitialSchema1763913600000 } from './1763913600000-initial-schema.js';
import { Assessments1763913700000 } from './1763913700000-assessments.js';
import { ObligationsAndAlerts1763913800000 } from './1763913800000-obligations-and-alerts.js';
import { NoticeFactsAndDocuments1763913900000 } from './1763913900000-notice-facts-and-documents.js';
import { AccountsAndAudit1764000000000 } from './1764000000000-accounts-and-audit.js';
import { AuthCacheInvalidation1764000100000 } from './1764000100000-auth-cache-invalidation.js';
import { NoticeIdentityAndContainment1764000200000 } from './1764000200000-notice-identity-and-containment.js';
import { IncidentListIndex1764000300000 } from './1764000300000-incident-list-index.js';
import { DocumentPdfStorage1764000400000 } from './1764000400000-document-pdf-storage.js';

/**
 * Every migration, in order. `npm run migration:generate -- <Name>` writes a new file next
 * to this one and prints the line to add here (explicit list: no globs under ESM).
 */
export const MIGRATIONS = [InitialSchema1763913600000, Assessments1763913700000, ObligationsAndAlerts1763913800000, NoticeFactsAndDocuments1763913900000, AccountsAndAudit1764000000000, AuthCacheInvalidation1764000100000, NoticeIdentityAndContainment1764000200000, IncidentListIndex1764000300000, DocumentPdfStorage1764000400000];

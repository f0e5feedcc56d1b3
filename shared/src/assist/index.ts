export {
  type ActivityRecordInput,
  activityBody,
  activityRecord,
  type KintoneRecordBody,
} from "./activity-record.ts";
export {
  type AdminExport,
  type AdminExportListQuery,
  type AdminExportPage,
  adminExportListQuerySchema,
  adminExportPageSchema,
  adminExportSchema,
  type ExportCandidatesResponse,
  type ExportLinked,
  exportCandidatesResponseSchema,
  exportLinkedSchema,
} from "./admin-export.ts";
export {
  type CrmCandidate,
  type CrmCandidatesQuery,
  crmCandidateSchema,
  crmCandidatesQuerySchema,
  crmCandidatesResponseSchema,
} from "./crm-candidates.ts";
export {
  type AssistEvent,
  type AssistEventInput,
  assistEventSchema,
  customerIdOnly,
  unknownCustomerIssues,
} from "./event.ts";
export {
  type AssistAccepted,
  assistAcceptedSchema,
  type ExportStatus,
  type ExportView,
  exportStatusSchema,
  exportViewSchema,
} from "./export-view.ts";
export { frontAgentIdSchema } from "./ids.ts";
export {
  type UsersResponse,
  type UserUpsert,
  type UserView,
  userPathSchema,
  usersResponseSchema,
  userUpsertSchema,
  userViewSchema,
} from "./users.ts";

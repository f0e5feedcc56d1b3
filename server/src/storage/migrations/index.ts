import type { Migration } from "kysely/migration";
import { initial } from "./0001_initial.ts";
import { exportsMigration } from "./0002_exports.ts";
import { jobsDueOrder } from "./0003_jobs_due_order.ts";
import { candidateIndex } from "./0004_candidate_index.ts";
import { matching } from "./0005_matching.ts";
import { recordKey } from "./0007_record_key.ts";
import { keyCheck } from "./0008_key_check.ts";
import { cluster } from "./0009_cluster.ts";
import { exportList } from "./0010_export_list.ts";
import { runDeferral } from "./0011_run_deferral.ts";
import { runUnlinked } from "./0012_run_unlinked.ts";
import { candidateIndexHash } from "./0013_candidate_index_hash.ts";

/**
 * Every migration, in code rather than read from a folder at run time, so bundling or running from
 * another working directory cannot lose one. Keys sort in the order they must run; append, never rename.
 */
export const migrations: Record<string, Migration> = {
  "0001_initial": initial,
  "0002_exports": exportsMigration,
  "0003_jobs_due_order": jobsDueOrder,
  "0004_candidate_index": candidateIndex,
  "0005_matching": matching,
  "0007_record_key": recordKey,
  "0008_key_check": keyCheck,
  "0009_cluster": cluster,
  "0010_export_list": exportList,
  "0011_run_deferral": runDeferral,
  "0012_run_unlinked": runUnlinked,
  "0013_candidate_index_hash": candidateIndexHash,
};

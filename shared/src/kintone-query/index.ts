export { assertFieldCode, isQueryableFieldCode } from "./field-code.ts";
export { floorMinute, isoMinute, MINUTE_MS } from "./minute.ts";
export { quote } from "./quote.ts";
export { MAX_RECORDS_PER_READ, type SeekQueryOptions, seekQuery, topQuery } from "./seek.ts";
export { updatedSinceCondition } from "./updated-since.ts";

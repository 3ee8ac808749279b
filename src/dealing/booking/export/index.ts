/** Booking exports (issue #15): pure formatters over blotter tickets; the CLI and HTTP layers call these. */
export { ExportRecordSchema, ExportStagesSchema, ExportedTicketSchema, STAGE_ORDER, approverOf, bankSide, parseRecords } from './schema.js';
export type { ExportRecord, ExportStages, ExportedTicket } from './schema.js';
export { exportAfter, stagesFromEvents } from './cursor.js';
export type { ExportAfterOptions, ExportBatch, StageEvent } from './cursor.js';
export { CSV_COLUMNS, csvField, toCsv } from './csv.js';
export type { CsvOptions } from './csv.js';
export { toExportedTicket, toJson, toJsonLines } from './json.js';
export { FIX_BEGIN_STRING, executionReportBody, isValidIsin, joinFixMessages, toFixExecutionReports } from './fix/execution-report.js';
export type { FixExecutionReport, FixExportOptions } from './fix/execution-report.js';
export { SOH, checkFixFraming, encodeFixMessage, fixChecksum, fixForHumans } from './fix/framing.js';
export type { FixField, FixFraming } from './fix/framing.js';

export { BOARD_CSV_HEADER, BOARD_STAGES, boardCard, boardCsvRows, DEFAULT_THRESHOLDS, journeyBoard, matchesSearch } from './board';
export type { BoardCard, BoardOptions, BoardThresholds, JourneyBoard } from './board';
export { csvCell, toCsv } from './csv';
export { journeyReport, REPORT_CSV_HEADER, reportCsvRows } from './journeyReport';
export type { DayFigures, JourneyReport, ReportChannel, ReportOptions, StepFigures } from './journeyReport';
export { lastDays, periodOf } from './period';
export type { ReportPeriod } from './period';
export { stepId, stepLabel } from './stepLabels';

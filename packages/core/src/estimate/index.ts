/**
 * Performance of a file without labels, estimated from the model's scores with a calibration
 * fitted on the labelled reference (confidence-based performance estimation).
 */
export { estimatePerformance, fitConfidenceCalibration } from "./cbpe.ts";
export { fitIsotonic, type IsotonicFit, predictIsotonic } from "./isotonic.ts";
export {
  CONFIDENCE_CALIBRATION_VERSION,
  type ConfidenceCalibration,
  ConfidenceCalibrationSchema,
  type EstimatedMetric,
  type PerformanceEstimate,
  PerformanceEstimateSchema,
} from "./schema.ts";

import { ChurnError } from "../errors/index.ts";
import { parseXgbModel, type XgbModel } from "./xgb-model.ts";

/**
 * Reads an XGBoost JSON model from its text (as `save_model("….json")` writes it, or a file
 * named `xgboost-model`); throws `ChurnError` `model.invalid_json` when the text is not JSON and
 * `model.invalid` when it is not an XGBoost gbtree model.
 */
export function readXgbModel(text: string): XgbModel {
  let json: unknown;
  try {
    json = JSON.parse(text.startsWith("\uFEFF") ? text.slice(1) : text);
  } catch (cause) {
    throw new ChurnError(
      "model.invalid_json",
      "The XGBoost model file is not JSON text; UBJSON and the legacy binary format are not " +
        "read here, so save it with save_model('model.json').",
      { cause },
    );
  }
  return parseXgbModel(json);
}

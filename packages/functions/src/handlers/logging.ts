import { Logger as PowertoolsLogger } from "@aws-lambda-powertools/logger";
import type { Logger } from "@churn/core";

/** The structured JSON logger of one Lambda function, behind the core Logger port. */
export function createHandlerLogger(functionName: string): Logger {
  const logger = new PowertoolsLogger({ serviceName: "churn-pipeline" });
  logger.appendPersistentKeys({ step: functionName });
  return {
    debug: (message, fields) => logger.debug(message, { ...fields }),
    info: (message, fields) => logger.info(message, { ...fields }),
    warn: (message, fields) => logger.warn(message, { ...fields }),
    error: (message, fields) => logger.error(message, { ...fields }),
  };
}

/** Cron monitor and check-in responses of the local Sentry match the OpenAPI spec. */
import { READS, WRITES } from '../helpers/contract-cases/monitors.ts';
import { contractSuite } from '../helpers/contract-suite.ts';

contractSuite(READS, WRITES);

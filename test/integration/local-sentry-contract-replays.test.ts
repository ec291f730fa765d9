/** Session replay responses of the local Sentry match the OpenAPI spec. */
import { READS, WRITES } from '../helpers/contract-cases/replays.ts';
import { contractSuite } from '../helpers/contract-suite.ts';

contractSuite(READS, WRITES);

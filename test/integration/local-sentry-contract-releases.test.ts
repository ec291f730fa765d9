/** Release, deploy, commit and session responses of the local Sentry match the OpenAPI spec. */
import { READS, WRITES } from '../helpers/contract-cases/releases.ts';
import { contractSuite } from '../helpers/contract-suite.ts';

contractSuite(READS, WRITES);

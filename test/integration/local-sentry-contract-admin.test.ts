/** SCIM, Sentry App installation and member-removal responses match the OpenAPI spec. */
import { READS, WRITES } from '../helpers/contract-cases/admin.ts';
import { contractSuite } from '../helpers/contract-suite.ts';

contractSuite(READS, WRITES);

/** Release file, commit file, source-map-debug and debug file responses match the OpenAPI spec. */
import { READS, WRITES } from '../helpers/contract-cases/files.ts';
import { contractSuite } from '../helpers/contract-suite.ts';

contractSuite(READS, WRITES);

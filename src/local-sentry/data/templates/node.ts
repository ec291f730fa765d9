/** Node (Express): failures, the code locations that raise them and the framework frames below. */
import type { Failure, FrameworkFrame, Location, PlatformCatalog } from './types.ts';

const FAILURES: Failure[] = [
  {
    type: 'TypeError',
    value: "Cannot read properties of null (reading 'id')",
    statement: '  const accountId = session.account.id;',
  },
  {
    type: 'Error',
    value: 'connect ECONNREFUSED 127.0.0.1:5432',
    statement: '  const { rows } = await pool.query(sql, params);',
    level: 'fatal',
  },
  {
    type: 'TokenExpiredError',
    value: 'jwt expired',
    statement: '  const claims = jwt.verify(token, secret);',
  },
  {
    type: 'FetchError',
    value: 'request to https://api.partner.io/v2/quotes failed, reason: socket hang up',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: quoted source code
    statement: '  const res = await fetch(`${PARTNER_API}/v2/quotes`, { method: "POST", body });',
  },
  {
    type: 'SequelizeUniqueConstraintError',
    value: 'Validation error: email must be unique',
    statement: '  const user = await User.create({ email, name });',
  },
  {
    type: 'Error',
    value: 'Rate limit exceeded for key upstream:quotes',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: quoted source code
    statement: '  throw new Error(`Rate limit exceeded for key ${key}`);',
    level: 'warning',
    handled: true,
  },
];

const LOCATIONS: Location[] = [
  {
    file: 'src/routes/orders.ts',
    module: 'src/routes/orders',
    fn: 'getOrder',
    transaction: 'GET /v1/orders/:id',
    before: [
      'export async function getOrder(req: Request, res: Response) {',
      '  const session = await loadSession(req);',
      '  const sql = "select * from orders where id = $1";',
    ],
    after: ['  res.json(toOrder(rows[0]));', '}', ''],
    vars: ['req', 'res', 'session'],
  },
  {
    file: 'src/services/quotes.ts',
    module: 'src/services/quotes',
    fn: 'fetchQuote',
    transaction: 'POST /v1/quotes',
    before: [
      'export async function fetchQuote(input: QuoteInput): Promise<Quote> {',
      '  const body = JSON.stringify(input);',
      '  const key = `upstream:quotes`;',
    ],
    after: ['  return parseQuote(await res.json());', '}', ''],
    vars: ['input', 'body', 'key'],
  },
  {
    file: 'src/middleware/auth.ts',
    module: 'src/middleware/auth',
    fn: 'authenticate',
    transaction: 'GET /v1/me',
    before: [
      'export function authenticate(req: Request, _res: Response, next: NextFunction) {',
      '  const token = req.headers.authorization?.slice(7) ?? "";',
      '  const secret = config.jwtSecret;',
    ],
    after: ['  req.user = claims;', '  next();', '}'],
    vars: ['req', 'token'],
  },
  {
    file: 'src/jobs/sync-users.ts',
    module: 'src/jobs/sync-users',
    fn: 'syncUsers',
    transaction: 'job sync-users',
    before: [
      'export async function syncUsers(batch: RemoteUser[]) {',
      '  for (const { email, name } of batch) {',
      '    const existing = await User.findOne({ where: { email } });',
    ],
    after: ['  }', '}', ''],
    vars: ['batch', 'email'],
  },
];

const FRAMEWORK: FrameworkFrame[] = [
  {
    filename: 'node_modules/express/lib/router/layer.js',
    absPath: '/app/node_modules/express/lib/router/layer.js',
    module: 'express.lib.router:layer',
    function: 'Layer.handle [as handle_request]',
    lineNo: 95,
    colNo: 5,
    inApp: false,
  },
];

export const NODE: PlatformCatalog = {
  failures: FAILURES,
  locations: LOCATIONS,
  framework: FRAMEWORK,
};

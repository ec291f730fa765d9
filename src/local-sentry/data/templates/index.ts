/**
 * Realistic error shapes per platform: exception types and messages, the code that throws
 * them, and the stack around it. The generator combines one failure with one code location
 * into an `ErrorTemplate`; issues share templates, so events cost no memory for their stacks.
 */
import type { SentryContextLine, SentryIssueLevel } from '../../../sentry/types.ts';

export type Platform = 'python' | 'javascript' | 'node' | 'go' | 'java';

export interface FrameTemplate {
  filename: string;
  absPath: string;
  module: string | null;
  function: string;
  lineNo: number;
  colNo: number | null;
  inApp: boolean;
  context: SentryContextLine[];
  /** Local variable names shown in `vars` (values come from the event's seed). */
  vars: string[];
}

export interface ErrorTemplate {
  /** Position in the generator's template list (stable for a given seed). */
  index: number;
  platform: Platform;
  type: string;
  value: string;
  module: string | null;
  culprit: string;
  /** Transaction / route the error happens in, e.g. `/api/orders/{order_id}/`. */
  transaction: string;
  level: SentryIssueLevel;
  handled: boolean;
  mechanism: string;
  /** Oldest call first; the crashing frame is last, as Sentry orders them. */
  frames: FrameTemplate[];
  sdk: { name: string; version: string };
  logger: string | null;
}

interface Failure {
  type: string;
  value: string;
  module?: string;
  /** The line that throws; `{v}` is replaced by a variable name of the location. */
  statement: string;
  level?: SentryIssueLevel;
  handled?: boolean;
}

interface Location {
  file: string;
  module: string;
  fn: string;
  transaction: string;
  /** Lines before and after the throwing line. */
  before: string[];
  after: string[];
  vars: string[];
}

const PYTHON_FAILURES: Failure[] = [
  {
    type: 'KeyError',
    value: "'customer_id'",
    statement: '    customer_id = payload["customer_id"]',
  },
  {
    type: 'ValueError',
    value: "invalid literal for int() with base 10: 'abc'",
    statement: '    quantity = int(request.GET.get("quantity"))',
  },
  { type: 'ZeroDivisionError', value: 'division by zero', statement: '    ratio = total / count' },
  {
    type: 'AttributeError',
    value: "'NoneType' object has no attribute 'email'",
    statement: '    send_receipt(order.customer.email, order)',
  },
  {
    type: 'TypeError',
    value: "unsupported operand type(s) for +: 'int' and 'str'",
    statement: '    total = subtotal + shipping',
  },
  {
    type: 'OperationalError',
    module: 'django.db.utils',
    value: 'could not connect to server: Connection refused',
    statement: '    rows = list(queryset)',
    level: 'fatal',
  },
  {
    type: 'IntegrityError',
    module: 'django.db.utils',
    value: 'duplicate key value violates unique constraint "orders_order_pkey"',
    statement: '    order.save()',
  },
  {
    type: 'ConnectionError',
    module: 'requests.exceptions',
    value:
      "HTTPSConnectionPool(host='api.stripe.com', port=443): Max retries exceeded with url: /v1/charges",
    statement: '    response = session.post(url, json=body, timeout=10)',
  },
  {
    type: 'SoftTimeLimitExceeded',
    module: 'celery.exceptions',
    value: 'SoftTimeLimitExceeded()',
    statement: '    result = task.get(timeout=30)',
    level: 'warning',
    handled: true,
  },
  {
    type: 'PermissionDenied',
    module: 'django.core.exceptions',
    value: 'You do not have permission to perform this action.',
    statement:
      '    raise PermissionDenied(_("You do not have permission to perform this action."))',
    level: 'warning',
    handled: true,
  },
];

const PYTHON_LOCATIONS: Location[] = [
  {
    file: 'app/api/views/orders.py',
    module: 'app.api.views.orders',
    fn: 'get_order',
    transaction: '/api/orders/{order_id}/',
    before: [
      'def get_order(request, order_id):',
      '    order = Order.objects.select_related("customer").get(pk=order_id)',
      '    payload = json.loads(request.body or "{}")',
    ],
    after: ['    return JsonResponse(serialize_order(order))', '', ''],
    vars: ['request', 'order_id', 'order'],
  },
  {
    file: 'app/billing/invoices.py',
    module: 'app.billing.invoices',
    fn: 'create_invoice',
    transaction: '/api/invoices/',
    before: [
      'def create_invoice(account, lines):',
      '    subtotal = sum(line.amount for line in lines)',
      '    shipping = account.shipping_rate',
    ],
    after: [
      '    invoice = Invoice.objects.create(account=account, total=total)',
      '    return invoice',
      '',
    ],
    vars: ['account', 'lines', 'subtotal'],
  },
  {
    file: 'app/workers/email.py',
    module: 'app.workers.email',
    fn: 'send_receipt_task',
    transaction: 'app.workers.email.send_receipt_task',
    before: [
      '@shared_task(bind=True, max_retries=3)',
      'def send_receipt_task(self, order_id):',
      '    order = Order.objects.get(pk=order_id)',
    ],
    after: ['    logger.info("receipt sent", extra={"order": order_id})', '', ''],
    vars: ['self', 'order_id', 'order'],
  },
  {
    file: 'app/payments/stripe.py',
    module: 'app.payments.stripe',
    fn: 'charge_card',
    transaction: '/api/checkout/',
    before: [
      'def charge_card(session, customer, amount):',
      '    url = f"{STRIPE_API}/v1/charges"',
      '    body = {"amount": amount, "currency": "usd", "customer": customer.stripe_id}',
    ],
    after: ['    response.raise_for_status()', '    return response.json()', ''],
    vars: ['session', 'customer', 'amount'],
  },
  {
    file: 'app/search/indexer.py',
    module: 'app.search.indexer',
    fn: 'reindex_products',
    transaction: 'app.search.indexer.reindex_products',
    before: [
      'def reindex_products(batch_size=500):',
      '    queryset = Product.objects.filter(updated_at__gte=cutoff())',
      '    count = queryset.count()',
    ],
    after: ['    for chunk in chunked(rows, batch_size):', '        index.bulk(chunk)', ''],
    vars: ['batch_size', 'queryset', 'count'],
  },
  {
    file: 'app/auth/sessions.py',
    module: 'app.auth.sessions',
    fn: 'refresh_session',
    transaction: '/api/auth/refresh/',
    before: [
      'def refresh_session(request):',
      '    token = request.COOKIES.get("refresh_token")',
      '    session = Session.objects.filter(token=token).first()',
    ],
    after: ['    session.touch()', '    return session', ''],
    vars: ['request', 'token', 'session'],
  },
];

const JS_FAILURES: Failure[] = [
  {
    type: 'TypeError',
    value: "Cannot read properties of undefined (reading 'map')",
    statement: '  return items.map((item) => <Row key={item.id} {...item} />);',
  },
  {
    type: 'TypeError',
    value: 'Failed to fetch',
    statement: '  const response = await fetch(url, init);',
  },
  {
    type: 'ReferenceError',
    value: 'process is not defined',
    statement: '  const apiUrl = process.env.API_URL;',
  },
  {
    type: 'ChunkLoadError',
    value: 'Loading chunk 214 failed.',
    statement: '  const { Chart } = await import("./Chart");',
  },
  {
    type: 'SyntaxError',
    value: 'Unexpected token \'<\', "<!DOCTYPE "... is not valid JSON',
    statement: '  const data = await response.json();',
  },
  {
    type: 'AxiosError',
    value: 'Request failed with status code 500',
    statement: '  const { data } = await client.post("/api/orders/", payload);',
  },
  {
    type: 'RangeError',
    value: 'Maximum call stack size exceeded',
    statement: '  return normalize({ ...value, parent: normalize(value.parent) });',
    level: 'fatal',
  },
  {
    type: 'TypeError',
    value: "undefined is not an object (evaluating 'user.profile.name')",
    statement: '  const displayName = user.profile.name;',
  },
  {
    type: 'Error',
    value: 'ResizeObserver loop completed with undelivered notifications.',
    statement: '  observer.observe(element);',
    level: 'warning',
    handled: true,
  },
];

const JS_LOCATIONS: Location[] = [
  {
    file: 'app/components/OrderList.tsx',
    module: 'app/components/OrderList',
    fn: 'OrderList',
    transaction: '/orders',
    before: [
      'export function OrderList({ items, onSelect }: OrderListProps) {',
      '  const { t } = useTranslation();',
      '  if (loading) return <Spinner />;',
    ],
    after: ['}', '', 'export default OrderList;'],
    vars: ['items', 'onSelect'],
  },
  {
    file: 'app/pages/checkout.tsx',
    module: 'app/pages/checkout',
    fn: 'handleSubmit',
    transaction: '/checkout',
    before: [
      'async function handleSubmit(event: FormEvent) {',
      '  event.preventDefault();',
      '  const payload = toOrderPayload(cart);',
    ],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: quoted source code
    after: ['  router.push(`/orders/${data.id}`);', '}', ''],
    vars: ['event', 'payload'],
  },
  {
    file: 'app/hooks/useCart.ts',
    module: 'app/hooks/useCart',
    fn: 'useCart',
    transaction: '/cart',
    before: [
      'export function useCart() {',
      '  const [cart, setCart] = useState<Cart | null>(null);',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: quoted source code
      '  const url = `${API}/cart/`;',
    ],
    after: ['  return { cart, setCart };', '}', ''],
    vars: ['cart', 'url'],
  },
  {
    file: 'app/api/client.ts',
    module: 'app/api/client',
    fn: 'request',
    transaction: '/dashboard',
    before: [
      'export async function request<T>(url: string, init?: RequestInit): Promise<T> {',
      '  const headers = { ...defaultHeaders, ...init?.headers };',
      '  const startedAt = performance.now();',
    ],
    after: [
      '  metrics.timing("api.request", performance.now() - startedAt);',
      '  return data as T;',
      '}',
    ],
    vars: ['url', 'init', 'headers'],
  },
  {
    file: 'app/components/ProfileMenu.tsx',
    module: 'app/components/ProfileMenu',
    fn: 'ProfileMenu',
    transaction: '/settings/profile',
    before: [
      'export function ProfileMenu({ user }: { user: User }) {',
      '  const [open, setOpen] = useState(false);',
      '  const element = useRef<HTMLDivElement>(null).current;',
    ],
    after: ['  return <Menu open={open} title={displayName} />;', '}', ''],
    vars: ['user', 'open'],
  },
];

const NODE_FAILURES: Failure[] = [
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

const NODE_LOCATIONS: Location[] = [
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

const GO_FAILURES: Failure[] = [
  {
    type: '*errors.errorString',
    value: 'sql: no rows in result set',
    statement: '\tif err := row.Scan(&acct.ID, &acct.Balance); err != nil {',
  },
  {
    type: 'runtime.Error',
    value: 'runtime error: invalid memory address or nil pointer dereference',
    statement: '\tlimit := acct.Limits.Daily',
    level: 'fatal',
    handled: false,
  },
  {
    type: '*url.Error',
    value: 'Get "https://ledger.internal/balance": context deadline exceeded',
    statement: '\tresp, err := s.client.Do(req)',
  },
  {
    type: '*json.SyntaxError',
    value: "invalid character '<' looking for beginning of value",
    statement: '\tif err := json.NewDecoder(resp.Body).Decode(&out); err != nil {',
  },
  {
    type: '*pq.Error',
    value: 'pq: deadlock detected',
    statement: '\t_, err = tx.ExecContext(ctx, debitSQL, amount, from)',
  },
];

const GO_LOCATIONS: Location[] = [
  {
    file: 'internal/ledger/transfer.go',
    module: 'github.com/globex/payments/internal/ledger',
    fn: '(*Service).Transfer',
    transaction: 'POST /v2/transfers',
    before: [
      'func (s *Service) Transfer(ctx context.Context, from, to string, amount int64) error {',
      '\ttx, err := s.db.BeginTx(ctx, nil)',
      '\tdefer tx.Rollback()',
    ],
    after: ['\t\treturn fmt.Errorf("transfer: %w", err)', '\t}', '\treturn tx.Commit()'],
    vars: ['ctx', 'from', 'to', 'amount'],
  },
  {
    file: 'internal/accounts/store.go',
    module: 'github.com/globex/payments/internal/accounts',
    fn: '(*Store).Get',
    transaction: 'GET /v2/accounts/{id}',
    before: [
      'func (s *Store) Get(ctx context.Context, id string) (*Account, error) {',
      '\trow := s.db.QueryRowContext(ctx, selectAccount, id)',
      '\tacct := &Account{}',
    ],
    after: ['\t\treturn nil, err', '\t}', '\treturn acct, nil'],
    vars: ['ctx', 'id'],
  },
  {
    file: 'internal/fx/rates.go',
    module: 'github.com/globex/payments/internal/fx',
    fn: '(*Client).Rates',
    transaction: 'GET /v2/rates',
    before: [
      'func (s *Client) Rates(ctx context.Context, base string) (map[string]float64, error) {',
      '\treq, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.url+"/balance", nil)',
      '\tvar out ratesResponse',
    ],
    after: ['\t\treturn nil, err', '\t}', '\treturn out.Rates, nil'],
    vars: ['ctx', 'base'],
  },
];

const JAVA_FAILURES: Failure[] = [
  {
    type: 'NullPointerException',
    module: 'java.lang',
    value:
      "Attempt to invoke virtual method 'java.lang.String com.acme.app.model.User.getName()' on a null object reference",
    statement: '        title.setText(user.getName());',
    level: 'fatal',
    handled: false,
  },
  {
    type: 'IllegalStateException',
    module: 'java.lang',
    value: 'Fragment CartFragment{4f2a1c} not attached to a context.',
    statement:
      '        Toast.makeText(requireContext(), R.string.cart_updated, Toast.LENGTH_SHORT).show();',
  },
  {
    type: 'SocketTimeoutException',
    module: 'java.net',
    value: 'timeout',
    statement: '        Response response = client.newCall(request).execute();',
  },
  {
    type: 'SQLiteException',
    module: 'android.database.sqlite',
    value: 'no such table: cart_items (code 1 SQLITE_ERROR)',
    statement: '        Cursor cursor = db.rawQuery("SELECT * FROM cart_items", null);',
  },
];

const JAVA_LOCATIONS: Location[] = [
  {
    file: 'ProfileActivity.java',
    module: 'com.acme.app.ui.ProfileActivity',
    fn: 'onResume',
    transaction: 'ProfileActivity',
    before: ['    @Override', '    protected void onResume() {', '        super.onResume();'],
    after: ['        avatar.load(user.getAvatarUrl());', '    }', ''],
    vars: ['this'],
  },
  {
    file: 'CartFragment.java',
    module: 'com.acme.app.ui.CartFragment',
    fn: 'onCartChanged',
    transaction: 'CartFragment',
    before: [
      '    private void onCartChanged(Cart cart) {',
      '        adapter.submitList(cart.getItems());',
      '        SQLiteDatabase db = helper.getReadableDatabase();',
    ],
    after: ['        updateTotals(cart);', '    }', ''],
    vars: ['cart'],
  },
  {
    file: 'ApiClient.java',
    module: 'com.acme.app.net.ApiClient',
    fn: 'fetchOrders',
    transaction: 'OrdersActivity',
    before: [
      '    public List<Order> fetchOrders(String accountId) throws IOException {',
      '        Request request = new Request.Builder().url(baseUrl + "/orders").build();',
      '        long started = SystemClock.elapsedRealtime();',
    ],
    after: ['        return parseOrders(response.body());', '    }', ''],
    vars: ['accountId', 'request'],
  },
];

/** Framework frames that sit under the application's frames (not in-app). */
const FRAMEWORK: Record<Platform, Omit<FrameTemplate, 'context' | 'vars'>[]> = {
  python: [
    {
      filename: 'django/core/handlers/exception.py',
      absPath: '/usr/local/lib/python3.12/site-packages/django/core/handlers/exception.py',
      module: 'django.core.handlers.exception',
      function: 'inner',
      lineNo: 55,
      colNo: null,
      inApp: false,
    },
    {
      filename: 'django/core/handlers/base.py',
      absPath: '/usr/local/lib/python3.12/site-packages/django/core/handlers/base.py',
      module: 'django.core.handlers.base',
      function: '_get_response',
      lineNo: 197,
      colNo: null,
      inApp: false,
    },
  ],
  javascript: [
    {
      filename: 'node_modules/react-dom/cjs/react-dom.production.min.js',
      absPath: 'https://app.example.com/static/js/vendor.js',
      module: 'react-dom/cjs/react-dom.production.min',
      function: 'renderWithHooks',
      lineNo: 1,
      colNo: 84512,
      inApp: false,
    },
  ],
  node: [
    {
      filename: 'node_modules/express/lib/router/layer.js',
      absPath: '/app/node_modules/express/lib/router/layer.js',
      module: 'express.lib.router:layer',
      function: 'Layer.handle [as handle_request]',
      lineNo: 95,
      colNo: 5,
      inApp: false,
    },
  ],
  go: [
    {
      filename: 'net/http/server.go',
      absPath: '/usr/local/go/src/net/http/server.go',
      module: 'net/http',
      function: 'HandlerFunc.ServeHTTP',
      lineNo: 2220,
      colNo: null,
      inApp: false,
    },
  ],
  java: [
    {
      filename: 'Activity.java',
      absPath: 'Activity.java',
      module: 'android.app.Activity',
      function: 'performResume',
      lineNo: 8630,
      colNo: null,
      inApp: false,
    },
  ],
};

const CATALOG: Record<Platform, { failures: Failure[]; locations: Location[] }> = {
  python: { failures: PYTHON_FAILURES, locations: PYTHON_LOCATIONS },
  javascript: { failures: JS_FAILURES, locations: JS_LOCATIONS },
  node: { failures: NODE_FAILURES, locations: NODE_LOCATIONS },
  go: { failures: GO_FAILURES, locations: GO_LOCATIONS },
  java: { failures: JAVA_FAILURES, locations: JAVA_LOCATIONS },
};

export const SDKS: Record<Platform, { name: string; version: string }> = {
  python: { name: 'sentry.python.django', version: '2.18.0' },
  javascript: { name: 'sentry.javascript.react', version: '8.40.0' },
  node: { name: 'sentry.javascript.node', version: '8.40.0' },
  go: { name: 'sentry.go', version: '0.29.1' },
  java: { name: 'sentry.java.android', version: '7.18.0' },
};

export const PLATFORMS: readonly Platform[] = ['python', 'javascript', 'node', 'go', 'java'];

function culpritOf(platform: Platform, location: Location): string {
  if (platform === 'python' || platform === 'java') return `${location.module} in ${location.fn}`;
  if (platform === 'go') return `${location.fn} in ${location.module}`;
  return `${location.fn}(${location.file})`;
}

function withContext(lineNo: number, lines: string[]): SentryContextLine[] {
  const first = lineNo - 3;
  return lines.map((line, i): SentryContextLine => [first + i, line]);
}

function absPathOf(platform: Platform, file: string): string {
  switch (platform) {
    case 'python':
      return `/srv/app/${file}`;
    case 'javascript':
      return `https://app.example.com/${file.replace(/\.tsx?$/, '.js')}`;
    case 'node':
      return `/app/${file}`;
    case 'go':
      return `/build/${file}`;
    case 'java':
      return file;
  }
}

/** Every failure × location of a platform, in a fixed order. */
export function buildTemplates(): ErrorTemplate[] {
  const templates: ErrorTemplate[] = [];
  for (const platform of PLATFORMS) {
    const { failures, locations } = CATALOG[platform];
    for (const failure of failures) {
      for (const [li, location] of locations.entries()) {
        const lineNo = 12 + ((li * 17 + failure.statement.length) % 180);
        const crash: FrameTemplate = {
          filename: location.file,
          absPath: absPathOf(platform, location.file),
          module: location.module,
          function: location.fn,
          lineNo,
          colNo: platform === 'javascript' || platform === 'node' ? 3 + (lineNo % 40) : null,
          inApp: true,
          context: withContext(lineNo, [...location.before, failure.statement, ...location.after]),
          vars: location.vars,
        };
        const framework = FRAMEWORK[platform].map(
          (frame): FrameTemplate => ({
            ...frame,
            context: withContext(frame.lineNo, ['', '', '', `    # ${frame.function}`, '', '', '']),
            vars: [],
          }),
        );
        templates.push({
          index: templates.length,
          platform,
          type: failure.type,
          value: failure.value,
          module: failure.module ?? null,
          culprit: culpritOf(platform, location),
          transaction: location.transaction,
          level: failure.level ?? 'error',
          handled: failure.handled ?? false,
          mechanism:
            platform === 'javascript' ? 'onerror' : platform === 'python' ? 'django' : 'generic',
          frames: [...framework, crash],
          sdk: SDKS[platform],
          logger: null,
        });
      }
    }
  }
  return templates;
}

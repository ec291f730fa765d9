/** Python (Django): failures, the code locations that raise them and the framework frames below. */
import type { Failure, FrameworkFrame, Location, PlatformCatalog } from './types.ts';

const FAILURES: Failure[] = [
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

const LOCATIONS: Location[] = [
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

const FRAMEWORK: FrameworkFrame[] = [
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
];

export const PYTHON: PlatformCatalog = {
  failures: FAILURES,
  locations: LOCATIONS,
  framework: FRAMEWORK,
};

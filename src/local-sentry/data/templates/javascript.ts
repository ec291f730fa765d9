/**
 * JavaScript (React in the browser): failures, the code locations that raise them and the framework
 * frames below.
 */
import type { Failure, FrameworkFrame, Location, PlatformCatalog } from './types.ts';

const FAILURES: Failure[] = [
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

const LOCATIONS: Location[] = [
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

const FRAMEWORK: FrameworkFrame[] = [
  {
    filename: 'node_modules/react-dom/cjs/react-dom.production.min.js',
    absPath: 'https://app.example.com/static/js/vendor.js',
    module: 'react-dom/cjs/react-dom.production.min',
    function: 'renderWithHooks',
    lineNo: 1,
    colNo: 84512,
    inApp: false,
  },
];

export const JS: PlatformCatalog = {
  failures: FAILURES,
  locations: LOCATIONS,
  framework: FRAMEWORK,
};

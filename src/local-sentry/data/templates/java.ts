/** Java (Android): failures, the code locations that raise them and the framework frames below. */
import type { Failure, FrameworkFrame, Location, PlatformCatalog } from './types.ts';

const FAILURES: Failure[] = [
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

const LOCATIONS: Location[] = [
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

const FRAMEWORK: FrameworkFrame[] = [
  {
    filename: 'Activity.java',
    absPath: 'Activity.java',
    module: 'android.app.Activity',
    function: 'performResume',
    lineNo: 8630,
    colNo: null,
    inApp: false,
  },
];

export const JAVA: PlatformCatalog = {
  failures: FAILURES,
  locations: LOCATIONS,
  framework: FRAMEWORK,
};

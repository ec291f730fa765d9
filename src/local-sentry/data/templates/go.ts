/** Go (net/http): failures, the code locations that raise them and the framework frames below. */
import type { Failure, FrameworkFrame, Location, PlatformCatalog } from './types.ts';

const FAILURES: Failure[] = [
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

const LOCATIONS: Location[] = [
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

const FRAMEWORK: FrameworkFrame[] = [
  {
    filename: 'net/http/server.go',
    absPath: '/usr/local/go/src/net/http/server.go',
    module: 'net/http',
    function: 'HandlerFunc.ServeHTTP',
    lineNo: 2220,
    colNo: null,
    inApp: false,
  },
];

export const GO: PlatformCatalog = {
  failures: FAILURES,
  locations: LOCATIONS,
  framework: FRAMEWORK,
};

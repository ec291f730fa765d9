/** The `--help` texts of the `sentry-graphql` command and its subcommands. */
import { ALL_SCOPES, DEFAULT_TOKEN } from './local-sentry/http/auth.ts';
import { DEFAULT_RATE_LIMIT } from './local-sentry/http/rate-limit.ts';

export const TOP_HELP = `Usage: sentry-graphql <command> [options]

A GraphQL gateway over the Sentry REST API.

Commands:
  serve         Serve the GraphQL gateway (GraphiQL at /graphql)
  local-sentry  Run the embedded Sentry-compatible REST server alone

Options:
  -h, --help    Show this help; "sentry-graphql <command> --help" for a command's options
`;

export const SERVE_HELP = `Usage: sentry-graphql serve [options]

Serves the GraphQL gateway. Without --upstream it starts the embedded Sentry-compatible
server and points at it.

Options:
  --port N         Port to listen on (env PORT)                           [default: 4000]
  --host H         Interface to listen on (env HOST)                 [default: 127.0.0.1]
  --upstream URL   Sentry base URL, e.g. https://sentry.io (env SENTRY_URL)
  --embedded       Use the embedded Sentry even when SENTRY_URL is set
  --token TOKEN    Server-wide Sentry token, used only when a request carries none
                   (env SENTRY_AUTH_TOKEN)
  --scale S        Data of the embedded server: small, medium or large    [default: medium]
  --no-batch       Naive mode for comparison (npm run bench): DataLoader batch size 1, no
                   priming from lists, nothing answered from data a parent embeds
  --cors-origin O  An origin whose web pages may call the gateway, e.g.
                   https://app.example.com; repeatable (env CORS_ORIGINS, comma-separated)
                                                            [default: none, same origin only]
  --allowed-host H Another Host name to answer besides localhost, 127.0.0.1 and [::1], e.g.
                   a local proxy's; repeatable (env ALLOWED_HOSTS). Others are refused
                   (DNS rebinding) on loopback, or when any is given
  --max-body-bytes N
                   Largest request body accepted, counted as it is read   [default: 1048576]
  --max-upload-bytes N
                   Largest file an upload mutation accepts, apart from the body limit
                   (env MAX_UPLOAD_BYTES)                              [default: 20971520]
  --upstream-timeout MS
                   Longest a GraphQL request waits for Sentry, retries included
                   (env UPSTREAM_TIMEOUT)                                [default: 15000]
  --shutdown-timeout MS
                   Longest wait for in-flight requests after SIGTERM/SIGINT before
                   their connections are closed (env SHUTDOWN_TIMEOUT)   [default: 10000]
  --persisted-operations FILE
                   Trusted documents: a JSON object from hash to GraphQL document, as
                   graphql-codegen's client preset writes it (persistedDocuments: true)
  --only-persisted Run only the documents of --persisted-operations; no other document, no
                   automatic persisted queries
  --cache-ttl S    Cache upstream GET answers for S seconds (1-86400) in an LRU per token,
                   dropped by writes through the gateway (env CACHE_TTL)       [default: off]
  --redis URL      redis:// URL: the cache, invalidations and per-token rate-limit state
                   shared by every instance using it (env REDIS_URL)           [default: none]
  --no-metrics     No Prometheus metrics at GET /metrics
  --log-level L    Operation log level: fatal, error, warn, info, debug, trace or silent
                   (env LOG_LEVEL); one JSON line per operation on stdout     [default: info]
  -h, --help       Show this help

Traces go over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT (or
OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set; OTEL_SERVICE_NAME names the service.

On SIGTERM or SIGINT it stops accepting connections, answers the requests in flight, then
exits; a second signal (later than 250 ms after the first) exits at once.
`;

export const LOCAL_SENTRY_HELP = `Usage: sentry-graphql local-sentry [options]

Runs the embedded Sentry-compatible REST server (/api/0/...) over seeded demo data.

Options:
  --port N              Port to listen on (0 picks a free one)            [default: 8000]
  --host H              Interface to listen on                       [default: 127.0.0.1]
  --seed N              Seed of the generated data and of random faults      [default: 1]
  --scale S             small, medium or large                           [default: small]
  --latency-ms N        Delay added to every response                        [default: 0]
  --fail-rate R         Share of requests (0..1) answered with a random fault [default: 0]
  --token SPEC          A token it accepts; repeat for several, the first is the one shown
                        in the curl hint [default: ${DEFAULT_TOKEN}, every scope]. SPEC is
                          TOKEN                  every scope, every organization
                          TOKEN:scope,scope      only those scopes (listed below)
                          TOKEN@org              every scope, that organization only
                          TOKEN:scope,scope@org  both; @org,org for several organizations
  --rate-limit N        Requests per token and endpoint per window   [default: ${DEFAULT_RATE_LIMIT.limit}]
  --rate-window S       Rate-limit window in seconds                        [default: ${DEFAULT_RATE_LIMIT.windowSeconds}]
  --concurrent-limit N  Requests in flight per token and endpoint          [default: ${DEFAULT_RATE_LIMIT.concurrentLimit}]
  -h, --help            Show this help

Besides /api/0/..., it answers GET /_local/stats, POST /_local/stats/reset,
GET /_local/inflight and POST /_local/faults (no auth).

Scopes: ${wrap(ALL_SCOPES.join(', '), 2, 90)}
`;

/** Breaks `text` at spaces into lines of at most `width`, indenting all but the first. */
function wrap(text: string, indent: number, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

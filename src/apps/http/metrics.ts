/**
 * Prometheus metrics (GET /metrics). A registry per server, not prom-client's global one, so tests
 * can run several servers in one process. Labels are the route pattern (`/v1/calculators/:name`,
 * never the raw URL: unbounded label values would grow the registry without limit), the method and
 * the status code.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface RenderGauges {
  /** Tasks waiting for a render worker. */
  queued: () => number;
  /** Tasks being rendered now. */
  inFlight: () => number;
}

export class ServerMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'route' | 'method' | 'status'>;
  private readonly durations: Histogram<'route' | 'method' | 'status'>;

  constructor(render: RenderGauges) {
    collectDefaultMetrics({ register: this.registry, prefix: 'finplan_' });
    this.requests = new Counter({
      name: 'finplan_http_requests_total',
      help: 'HTTP requests answered, by route pattern, method and status',
      labelNames: ['route', 'method', 'status'],
      registers: [this.registry],
    });
    this.durations = new Histogram({
      name: 'finplan_http_request_duration_seconds',
      help: 'Time from request to response, by route pattern, method and status',
      labelNames: ['route', 'method', 'status'],
      // Calculators answer in milliseconds, plans in hundreds of them, a queued PDF in seconds.
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this.registry],
    });
    new Gauge({
      name: 'finplan_render_queue_depth',
      help: 'Render tasks waiting for a worker thread',
      registers: [this.registry],
      collect() {
        this.set(render.queued());
      },
    });
    new Gauge({
      name: 'finplan_renders_in_flight',
      help: 'Render tasks running on worker threads',
      registers: [this.registry],
      collect() {
        this.set(render.inFlight());
      },
    });
  }

  observe(route: string, method: string, status: number, seconds: number): void {
    const labels = { route, method, status: String(status) };
    this.requests.inc(labels);
    this.durations.observe(labels, seconds);
  }
}

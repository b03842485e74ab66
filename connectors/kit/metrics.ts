import { Counter, Gauge, Histogram } from 'prom-client';
import { LATENCY_BUCKETS, metric, type Registry } from '../../src/platform/observability/metrics';

/**
 * Per-partner exchange metrics (issue 5, point 6). Labels are bounded: partner names are the fixed
 * list of docs/api.md, outcomes and types a small fixed vocabulary.
 */
export type PartnerMetrics = ReturnType<typeof partnerMetrics>;

export function partnerMetrics(registry: Registry) {
  const sent = metric(registry, 'hub_partner_messages_sent_total', (registers) =>
    new Counter({ name: 'hub_partner_messages_sent_total', help: 'Messages a partner accepted (2xx)', labelNames: ['partner', 'type'], registers }),
  );
  const acknowledged = metric(registry, 'hub_partner_acknowledged_total', (registers) =>
    new Counter({ name: 'hub_partner_acknowledged_total', help: 'Transfers a partner acknowledged or rejected', labelNames: ['partner', 'accepted'], registers }),
  );
  const failed = metric(registry, 'hub_partner_delivery_failures_total', (registers) =>
    new Counter({ name: 'hub_partner_delivery_failures_total', help: 'Delivery attempts that failed', labelNames: ['partner', 'reason'], registers }),
  );
  const dead = metric(registry, 'hub_partner_dead_lettered_total', (registers) =>
    new Counter({ name: 'hub_partner_dead_lettered_total', help: 'Messages given up after the last attempt (redrive to send again)', labelNames: ['partner'], registers }),
  );
  const latency = metric(registry, 'hub_partner_delivery_duration_seconds', (registers) =>
    new Histogram({ name: 'hub_partner_delivery_duration_seconds', help: 'From the send to the partner\'s 2xx', labelNames: ['partner'], buckets: LATENCY_BUCKETS, registers }),
  );
  const inbound = metric(registry, 'hub_partner_inbound_total', (registers) =>
    new Counter({ name: 'hub_partner_inbound_total', help: 'Inbound partner messages by outcome (accepted, duplicate, conflict, refused …)', labelNames: ['partner', 'outcome'], registers }),
  );
  const circuit = metric(registry, 'hub_partner_circuit_open', (registers) =>
    new Gauge({ name: 'hub_partner_circuit_open', help: '1 while the partner\'s circuit breaker is open', labelNames: ['partner'], registers }),
  );
  const disabled = metric(registry, 'hub_partner_endpoint_disabled', (registers) =>
    new Gauge({ name: 'hub_partner_endpoint_disabled', help: '1 while the partner\'s endpoint is disabled (it answered 410)', labelNames: ['partner'], registers }),
  );
  const alerts = metric(registry, 'hub_partner_alerts_total', (registers) =>
    new Counter({ name: 'hub_partner_alerts_total', help: 'Alerts raised about a partner (endpoint gone, acknowledgement overdue …)', labelNames: ['partner', 'kind'], registers }),
  );
  return {
    sent: (partner: string, type: string, ms: number) => {
      sent.inc({ partner, type });
      latency.observe({ partner }, ms / 1000);
    },
    acknowledged: (partner: string, accepted: boolean) => acknowledged.inc({ partner, accepted: String(accepted) }),
    failed: (partner: string, reason: string) => failed.inc({ partner, reason }),
    deadLettered: (partner: string) => dead.inc({ partner }),
    inbound: (partner: string, outcome: string) => inbound.inc({ partner, outcome }),
    circuit: (partner: string, open: boolean) => circuit.set({ partner }, open ? 1 : 0),
    disabled: (partner: string, on: boolean) => disabled.set({ partner }, on ? 1 : 0),
    alert: (partner: string, kind: string) => alerts.inc({ partner, kind }),
  };
}

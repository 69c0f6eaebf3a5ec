// Source, destination (VM names from the topology, or any IP), protocol and port; runs POST /trace.
import { type SyntheticEvent, useState } from 'react';
import type { Topology, TraceRequest } from '../api/types.ts';

const VM_KINDS = new Set(['oci.Instance', 'azure.VirtualMachine']);

interface Props {
  topology: Topology | undefined;
  initialFrom?: string;
  busy: boolean;
  onRun: (req: TraceRequest) => void;
}

export function TraceForm({ topology, initialFrom, busy, onRun }: Props) {
  const vms = (topology?.nodes ?? []).filter((n) => VM_KINDS.has(n.kind));
  const firstOf = (cloud: string) => vms.find((v) => v.cloud === cloud)?.label ?? '';
  const [from, setFrom] = useState<string | undefined>(initialFrom);
  const [to, setTo] = useState<string | undefined>(undefined);
  const [protocol, setProtocol] = useState<TraceRequest['protocol']>('icmp');
  const [port, setPort] = useState('22');
  // Until the user types, the fields follow the topology: the first OCI VM to the first Azure VM.
  const src = from ?? firstOf('oci');
  const dst = to ?? (vms.find((v) => v.label !== src && v.cloud === 'azure')?.label ?? firstOf('azure'));
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    const n = Number.parseInt(port, 10);
    onRun({ from: src.trim(), to: dst.trim(), protocol, ...(protocol === 'icmp' ? {} : { port: n }) });
  };
  return (
    <form className="trace-form" onSubmit={submit}>
      <datalist id="trace-vms">
        {vms.map((v) => <option key={v.id} value={v.label}>{v.ip ?? ''}</option>)}
      </datalist>
      <label>From <input data-testid="trace-from" list="trace-vms" value={src} onChange={(e) => setFrom(e.target.value)} placeholder="VM or IP" required /></label>
      <label>To <input data-testid="trace-to" list="trace-vms" value={dst} onChange={(e) => setTo(e.target.value)} placeholder="VM or IP" required /></label>
      <label>
        Protocol{' '}
        <select data-testid="trace-protocol" value={protocol} onChange={(e) => setProtocol(e.target.value as TraceRequest['protocol'])}>
          <option value="icmp">icmp</option>
          <option value="tcp">tcp</option>
          <option value="udp">udp</option>
        </select>
      </label>
      <label>
        Port{' '}
        <input
          data-testid="trace-port" type="number" min={1} max={65535} value={protocol === 'icmp' ? '' : port}
          disabled={protocol === 'icmp'} onChange={(e) => setPort(e.target.value)} placeholder={protocol === 'icmp' ? 'n/a' : 'port'}
          required={protocol !== 'icmp'} className="port"
        />
      </label>
      <button type="submit" data-testid="trace-run" disabled={busy}>{busy ? 'Tracing…' : 'Trace'}</button>
    </form>
  );
}

// The Oracle services a lab names by "all" / "objectstorage" (service gateways, "service:<choice>"
// route destinations and expectation endpoints), resolved to the region's service and its CIDR label.
import { oracleServices, type Service } from '../model/oci/services.ts';
import { parseEndpoint, type ServiceChoice } from './schema.ts';

export function labService(region: string, choice: ServiceChoice): Service {
  const services = oracleServices(region);
  const found = services.find((s) => (choice === 'all' ? s.cidrBlock.startsWith('all-') : s.cidrBlock.endsWith('-objectstorage')));
  if (!found) throw new Error(`no ${choice} service in ${region}`);
  return found;
}

/** What the trace is given for an expectation endpoint: a VM name, an IP, or a service's CIDR label. */
export function traceEndpoint(text: string, region: string): string {
  const e = parseEndpoint(text);
  return e.kind === 'service' ? labService(region, e.service).cidrBlock : text;
}

// A NIC's ip configurations as their own read-only resources (networkInterfaces/{nic}/ipConfigurations):
// each is the entry the NIC's GET shows, found by name without case. They are written through the
// NIC's PUT only, as in ARM (the swagger has no PUT or DELETE for them).
import { arm } from '../../../model/errors.ts';
import type { ReadView } from '../../../model/world.ts';
import type { ArmOperation, ArmRequest } from '../operation.ts';
import { getTracked, RG, rgOf, scopeOf } from '../crud.ts';
import { presentArm } from '../present.ts';

const NS = 'Microsoft.Network';
const NIC = `${RG}/providers/${NS}/networkInterfaces/{networkInterfaceName}`;

type IpConfiguration = { name?: unknown } & Record<string, unknown>;

function ipConfigurationsOf(req: ArmRequest, view: ReadView): IpConfiguration[] {
  const nic = getTracked(view, scopeOf(req), 'azure.NetworkInterface', rgOf(req), NS, 'networkInterfaces', req.params.networkInterfaceName ?? '');
  const props = presentArm(view, 'azure.NetworkInterface', nic).properties as { ipConfigurations?: IpConfiguration[] } | undefined;
  return props?.ipConfigurations ?? [];
}

export const NIC_IP_CONFIGURATION_OPERATIONS: ArmOperation[] = [
  {
    name: 'networkInterfaceIPConfigurations.list', method: 'GET', path: `${NIC}/ipConfigurations`,
    async handle(req) {
      return req.engine.read((view) => ({ body: { value: ipConfigurationsOf(req, view) } }));
    },
  },
  {
    name: 'networkInterfaceIPConfigurations.get', method: 'GET', path: `${NIC}/ipConfigurations/{ipConfigurationName}`,
    async handle(req) {
      const name = req.params.ipConfigurationName ?? '';
      return req.engine.read((view) => {
        const found = ipConfigurationsOf(req, view).find((c) => typeof c.name === 'string' && c.name.toLowerCase() === name.toLowerCase());
        if (found === undefined) throw arm.notFound(`${NS}/networkInterfaces/ipConfigurations`, `${req.params.networkInterfaceName ?? ''}/${name}`, rgOf(req));
        return { body: found };
      });
    },
  },
];

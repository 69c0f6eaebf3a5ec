// Issue 12 item 12: `sku` is validated as ARM does for the types that have one. An ExpressRoute
// circuit's tier and family are enums (a value outside them cannot be deserialised:
// InvalidRequestFormat), and its name must be {tier}_{family}; a public IP's sku.name is Basic or
// Standard. Over HTTP with raw bodies, so nothing client-side corrects them; nothing is stored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ORACLE_ER_PROVIDER_NAME } from '../../../src/model/interconnect/providers.ts';
import { DEFAULT_SUBSCRIPTION_ID } from '../../../src/lifecycle/defaults.ts';
import { startArmServer, type ArmTestServer } from './harness.ts';

const RG = `/subscriptions/${DEFAULT_SUBSCRIPTION_ID}/resourceGroups/rg-sku`;
const NET = `${RG}/providers/Microsoft.Network`;
const V = '?api-version=2025-05-01';

const circuit = (sku: Record<string, string>) => ({
  location: 'eastus', sku,
  properties: { serviceProviderProperties: { serviceProviderName: ORACLE_ER_PROVIDER_NAME, peeringLocation: 'Washington DC', bandwidthInMbps: 1000 } },
});

void describe('ARM: sku validation', () => {
  let s: ArmTestServer;
  before(async () => {
    s = await startArmServer();
    const rg = await s.arm('PUT', `${RG}?api-version=2021-04-01`, { location: 'eastus' });
    assert.equal(rg.status, 201, rg.text);
  });
  after(async () => {
    await s.close();
  });

  async function refused(path: string, body: unknown, code: string, message: RegExp) {
    const r = await s.arm('PUT', `${path}${V}`, body);
    assert.equal(r.status, 400, r.text);
    const e = (r.body as { error: { code: string; message: string } }).error;
    assert.equal(e.code, code, e.message);
    assert.match(e.message, message);
    assert.equal((await s.arm('GET', `${path}${V}`)).status, 404, 'nothing was created');
  }

  for (const [sku, code] of [
    [{ tier: 'Gold', family: 'MeteredData' }, 'InvalidRequestFormat'],
    [{ tier: 'Standard', family: 'Unlimited' }, 'InvalidRequestFormat'],
    [{ name: 'Premium_MeteredData', tier: 'Standard', family: 'MeteredData' }, 'InvalidCircuitSku'],
    [{ name: 'Gold_Data' }, 'InvalidCircuitSku'],
    [{ name: '\u0000' }, 'InvalidCircuitSku'],
  ] as const) {
    void it(`refuses a circuit with sku ${JSON.stringify(sku)} as ${code}`, async () => {
      await refused(`${NET}/expressRouteCircuits/er-bad`, circuit(sku), code, code === 'InvalidRequestFormat' ? /Cannot parse the request/ : /Sku specified is not valid for circuit .*must be '\{tier\}_\{family\}'/);
    });
  }

  void it('accepts a circuit sku by name alone or with matching tier and family (any case)', async () => {
    const byName = await s.arm('PUT', `${NET}/expressRouteCircuits/er-name${V}`, circuit({ name: 'Standard_MeteredData' }));
    assert.equal(byName.status, 201, byName.text);
    assert.deepEqual((byName.body as { sku: unknown }).sku, { name: 'Standard_MeteredData', tier: 'Standard', family: 'MeteredData' }, 'tier and family follow from the name');
    const all = await s.arm('PUT', `${NET}/expressRouteCircuits/er-all${V}`, circuit({ name: 'premium_unlimiteddata', tier: 'Premium', family: 'UnlimitedData' }));
    assert.equal(all.status, 201, all.text);
    assert.deepEqual((all.body as { sku: unknown }).sku, { name: 'Premium_UnlimitedData', tier: 'Premium', family: 'UnlimitedData' });
  });

  void it('refuses a public IP sku.name other than Basic or Standard', async () => {
    await refused(`${NET}/publicIPAddresses/pip-bad`, { location: 'eastus', sku: { name: 'Premium' }, properties: { publicIPAllocationMethod: 'Static' } }, 'InvalidRequestFormat', /Cannot parse the request/);
  });
});

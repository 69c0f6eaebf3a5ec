// Azure Quickstart Templates through `az deployment group` (the runner says how): the first half
// of test/fixtures/quickstarts/cases.ts (ExpressRoute, VNets, peering, NSG, route tables).
import { QUICKSTART_CASES } from '../fixtures/quickstarts/cases.ts';
import { describeQuickstarts, SPLIT_AT } from './quickstart-runner.ts';

describeQuickstarts('Azure Quickstart Templates through az deployment group (first half)', QUICKSTART_CASES.slice(0, SPLIT_AT), 0);

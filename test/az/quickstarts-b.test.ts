// Azure Quickstart Templates through `az deployment group` (the runner says how): the second half
// of test/fixtures/quickstarts/cases.ts (NIC, templates onto existing resources, refusals).
import { QUICKSTART_CASES } from '../fixtures/quickstarts/cases.ts';
import { describeQuickstarts, SPLIT_AT } from './quickstart-runner.ts';

describeQuickstarts('Azure Quickstart Templates through az deployment group (second half)', QUICKSTART_CASES.slice(SPLIT_AT), SPLIT_AT);

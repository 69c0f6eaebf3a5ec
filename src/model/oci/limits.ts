// OCI Networking's per-resource limits that FastRoute enforces. Beyond one, OCI answers
// 400 InvalidParameter (not LimitExceeded, which is for a tenancy's service limits); the code and
// message each one gets, with its source, are in docs/error-code-sources.md.

/** IPv4 CIDR blocks in one VCN (CreateVcnDetails: "the limit of CIDR blocks allowed per VCN"). */
export const MAX_VCN_CIDRS = 5;
/** Security lists on one subnet. */
export const MAX_SUBNET_SECURITY_LISTS = 5;
/** NSGs one VNIC can be in. */
export const MAX_VNIC_NSGS = 5;
/** Rules in one NSG ("Total security rules count 121 cannot be greater than 120"). */
export const MAX_NSG_RULES = 120;
/** Rules one AddNetworkSecurityGroupSecurityRules call may add (the SDK model's documentation). */
export const MAX_RULES_PER_ADD = 25;
/** Rules in one VCN route table. */
export const MAX_ROUTE_RULES = 200;

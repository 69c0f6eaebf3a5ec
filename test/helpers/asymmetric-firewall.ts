// labs/broken/asymmetric-firewall.yaml with UDP opened and a flow of each protocol and side fw-oci
// sees only one direction of: the trace tests and the data plane agreement test judge the same lab.

/**
 * The asymmetric firewall with a flow of each protocol and side fw-oci sees only one direction of
 * (trace/asymmetry.ts): HTTPS from vm-app (which nsg-app admits) crosses it on the request side only:
 * the client's connect() returns (the SYN-ACK bypasses the firewall), but the firewall drops the
 * client's ACK and data as invalid, so the listener never gets the connection. UDP from vm-app (request
 * side) and UDP from Azure to vm-app (fw-oci sees only the reply, which to it is a new datagram flow)
 * are delivered. nsg-app, nsg-db and vm-app's guest firewall are opened for UDP 5000.
 */
export const asymmetricProtocols = (text: string): string => text.replace('name: broken-asymmetric-firewall\n', 'name: asymmetric-firewall-protocols\n')
  .replace('        - { name: deny-oci-other,', '        - { name: allow-oci-udp, priority: 120, direction: Inbound, access: Allow, protocol: Udp, source: 10.11.0.0/16, destination: 10.21.1.0/24, destinationPorts: ["5000"] }\n        - { name: deny-oci-other,')
  .replace('            - { direction: egress, destination: 0.0.0.0/0, protocol: all }\n\n    - name: vcn-data', '            - { direction: ingress, source: 10.20.0.0/14, protocol: udp, ports: "5000", description: UDP from Azure }\n            - { direction: egress, destination: 0.0.0.0/0, protocol: all }\n\n    - name: vcn-data')
  .replace('allowInbound: [tcp/22, tcp/1521-1522]', 'allowInbound: [tcp/22, tcp/1521-1522, udp/5000]')
  + '  - { name: oci-app-to-azure-app-https, from: vm-app, to: vm-azure-app, protocol: tcp, port: 443, expect: dropped, reason: ASYMMETRIC_RETURN }\n'
  + '  - { name: oci-app-to-azure-app-udp, from: vm-app, to: vm-azure-app, protocol: udp, port: 5000, expect: delivered }\n'
  + '  - { name: azure-app-to-oci-app-udp, from: vm-azure-app, to: vm-app, protocol: udp, port: 5000, expect: delivered }\n';

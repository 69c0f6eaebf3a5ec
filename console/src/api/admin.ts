// One function per admin endpoint the console uses, each typed with the server's wire shape.
import { deleteJson, getJson, postJson } from './client.ts';
import type {
  AlertsResponse, DataplaneStatus, DoctorReport, DrillReport, DrillSpec, DrillStopResponse, DrillsResponse, EventsResponse, ResourcesResponse, RoutesResponse,
  StatusResponse, Topology, TraceRequest, TraceResult, TrafficResponse, MetricsHistoryResponse,
} from './types.ts';

export const getTopology = (): Promise<Topology> => getJson<Topology>('/topology');
export const getStatus = (): Promise<StatusResponse> => getJson<StatusResponse>('/status');
export const getRoutes = (target: string): Promise<RoutesResponse> => getJson<RoutesResponse>(`/routes?target=${encodeURIComponent(target)}`);
export const postTrace = (req: TraceRequest): Promise<TraceResult> => postJson<TraceResult>('/trace', req);
/** The data plane's state and, when it is up, every link's configuration and kernel counters. */
export const getDataplane = (): Promise<DataplaneStatus> => getJson<DataplaneStatus>('/dataplane');
/** The shipped alerting rules evaluated by FastRoute on its own metric history. */
export const getAlerts = (): Promise<AlertsResponse> => getJson<AlertsResponse>('/alerts');
/** The declared flows and their placement (per link and direction: carried load, capacity, utilisation). */
export const getTraffic = (): Promise<TrafficResponse> => getJson<TrafficResponse>('/traffic');
/** Every metric series' 1-minute points over the last `minutes`, and which source feeds the traffic series. */
export const getMetricsHistory = (minutes: number): Promise<MetricsHistoryResponse> => getJson<MetricsHistoryResponse>(`/metrics/history?minutes=${minutes}`);
export const getDoctor = (): Promise<DoctorReport> => getJson<DoctorReport>('/doctor');
export const getDrills = (): Promise<DrillsResponse> => getJson<DrillsResponse>('/drills');
export const startDrill = (spec: DrillSpec): Promise<DrillReport> => postJson<DrillReport>('/drills', spec);
export const stopDrill = (id?: string): Promise<DrillStopResponse> =>
  deleteJson<DrillStopResponse>(id === undefined ? '/drills' : `/drills/${encodeURIComponent(id)}`);
export const getEvents = (params: { after?: number; limit?: number; newestFirst?: boolean }): Promise<EventsResponse> => {
  const q = new URLSearchParams();
  if (params.after !== undefined) q.set('after', String(params.after));
  if (params.limit !== undefined) q.set('limit', String(params.limit));
  if (params.newestFirst === true) q.set('newestFirst', 'true');
  return getJson<EventsResponse>(`/events?${q.toString()}`);
};
/** Entities of one kind (their own wire shape; the console reads only ids and names). */
export const getResources = (kind: string): Promise<ResourcesResponse> => getJson<ResourcesResponse>(`/resources?kind=${encodeURIComponent(kind)}`);

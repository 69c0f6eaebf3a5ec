// Lab-name → cloud-id bookkeeping while a lab is applied, with errors that point at the lab.
import { fastroute } from '../model/errors.ts';

export class LabIds {
  readonly ids: Record<string, string> = {};

  set(key: string, id: string): string {
    this.ids[key] = id;
    return id;
  }

  get(key: string): string {
    const id = this.ids[key];
    if (id === undefined) throw fastroute.invalid('LabReference', `lab references ${key}, which was not created`);
    return id;
  }

  find(key: string): string | undefined {
    return this.ids[key];
  }
}

export const LAB_TAG = 'fastroute-lab';

// Which ids an ARM request body can carry, read from @azure/arm-network's own serialisation
// mappers: every writable reference ("…": { "id" }) and "…ResourceId" string in a model, followed
// through inline children (subnets[], ipConfigurations[] …), as the JSON path the wire carries.
import { createRequire } from 'node:module';
import path from 'node:path';

interface MapperType { name: string; className?: string; element?: { type: MapperType }; modelProperties?: Record<string, Mapper> }
interface Mapper { serializedName?: string; readOnly?: boolean; type: MapperType }

const require = createRequire(import.meta.url);
// The package exports only its index; the mappers are the SDK's own (de)serialisation tables.
const MAPPERS = require(path.join(path.dirname(require.resolve('@azure/arm-network')), 'models', 'mappers.js')) as Record<string, Mapper | undefined>;

function propertiesOf(className: string | undefined): Record<string, Mapper> {
  return (className === undefined ? undefined : MAPPERS[className]?.type.modelProperties) ?? {};
}

const isReference = (className: string | undefined): boolean => {
  const id = propertiesOf(className).id;
  return id !== undefined && id.readOnly !== true;
};

function walk(className: string, depth: number, prefix: string): string[] {
  const out: string[] = [];
  for (const [key, p] of Object.entries(propertiesOf(className))) {
    if (p.readOnly === true || p.serializedName === undefined) continue;
    const name = `${prefix}${p.serializedName}`;
    const t = p.type;
    if (t.name === 'Composite') {
      if (isReference(t.className)) out.push(`${name}.id`);
      else if (depth < 3) out.push(...walk(t.className ?? '', depth + 1, `${name}.`));
    } else if (t.name === 'Sequence' && t.element?.type.name === 'Composite') {
      const element = t.element.type.className;
      if (isReference(element)) out.push(`${name}[].id`);
      if (depth < 2) out.push(...walk(element ?? '', depth + 1, `${name}[].`));
    } else if (/ResourceId$/i.test(key)) {
      out.push(name);
    }
  }
  return out;
}

/** Every writable id path ("properties.subnets[].properties.routeTable.id") of an arm-network model. */
export function armBodyIdPaths(model: string): string[] {
  if (MAPPERS[model] === undefined) throw new Error(`@azure/arm-network has no model ${model}`);
  return walk(model, 0, '');
}

// What LaunchInstance checks against the shape and image catalogues, with OCI's own answers: an
// unknown shape is 404 "shape {name} not found", an image the region does not have is 404
// NotAuthorizedOrNotFound, an image the shape cannot boot is 400 "Shape {name} is not valid for
// image {id}.", and a flexible shape's OCPUs and memory must lie within its published ranges.
import { oci } from '../../model/errors.ts';
import { findRegionImage, shapeRunsImage, type RegionImage } from '../../model/oci/images.ts';
import { findShape, instanceShapeConfig, type InstanceShapeConfig, type ShapeSpec } from '../../model/oci/shapes.ts';

/** The region's platform image with this OCID, or OCI's 404 (an image of another region is not found either). */
export function requireImage(region: string, imageId: string): RegionImage {
  const found = findRegionImage(region, imageId);
  if (found === undefined) throw oci.notFound('Image', imageId);
  return found;
}

export function requireShape(name: string): ShapeSpec {
  const shape = findShape(name);
  if (shape === undefined) throw oci.shapeNotFound(name);
  return shape;
}

function checkFlexConfig(shape: ShapeSpec, config: { ocpus?: number | undefined; memoryInGBs?: number | undefined } | undefined): void {
  if (config === undefined) return;
  const flex = shape.flex;
  if (flex === undefined) {
    if (config.ocpus !== undefined || config.memoryInGBs !== undefined) throw oci.invalidParameter(`Shape ${shape.shape} is not a flexible shape: shapeConfig.ocpus and shapeConfig.memoryInGBs cannot be set.`);
    return;
  }
  const ocpus = config.ocpus ?? shape.ocpus;
  if (ocpus < flex.ocpus.min || ocpus > flex.ocpus.max) throw oci.invalidParameter(`shapeConfig.ocpus ${ocpus} is outside the range ${flex.ocpus.min}-${flex.ocpus.max} of shape ${shape.shape}.`);
  if (config.memoryInGBs === undefined) return;
  const min = Math.max(flex.memory.minInGBs, ocpus * flex.memory.minPerOcpuInGBs);
  const max = Math.min(flex.memory.maxInGBs, ocpus * flex.memory.maxPerOcpuInGBs);
  if (config.memoryInGBs < min || config.memoryInGBs > max) {
    throw oci.invalidParameter(`shapeConfig.memoryInGBs ${config.memoryInGBs} is outside the range ${min}-${max} GB allowed for ${ocpus} OCPUs of shape ${shape.shape}.`);
  }
}

/**
 * Checks a launch's shape, image and shape configuration (each only when given), and answers the
 * instance's shapeConfig when a shape was named.
 */
export function checkLaunchCatalogue(region: string, launch: { shape?: string | undefined; imageId?: string | undefined; shapeConfig?: { ocpus?: number | undefined; memoryInGBs?: number | undefined } | undefined }): InstanceShapeConfig | undefined {
  const shape = launch.shape === undefined ? undefined : requireShape(launch.shape);
  const image = launch.imageId === undefined ? undefined : requireImage(region, launch.imageId);
  if (shape === undefined) return undefined;
  if (image !== undefined && !shapeRunsImage(shape, image.architecture)) throw oci.invalidParameter(`Shape ${shape.shape} is not valid for image ${image.image.id}.`);
  checkFlexConfig(shape, launch.shapeConfig);
  return instanceShapeConfig(shape, launch.shapeConfig);
}

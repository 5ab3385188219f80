import { readFile } from 'node:fs/promises';
import { type CalibrationFile, calibrationFileSchema } from '../answer/calibration.js';
import type { Logger } from '../core/logger.js';

/** The calibration file, or an empty one (uncalibrated defaults) if it is missing or unreadable. */
export async function readCalibration(file: string, logger: Logger): Promise<CalibrationFile> {
  try {
    return calibrationFileSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn({ file }, 'calibration file is unreadable; using the default thresholds');
    return { models: {} };
  }
}
